package io.recurportal.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.recurportal.audit.AuditEntry;
import io.recurportal.audit.AuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingInterval;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.Price;
import io.recurportal.billing.Product;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.testsupport.ProviderTestHooks;
import io.recurportal.testsupport.TestJwts;

import static io.recurportal.testsupport.AccountJwts.accountJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The account API's behaviour, whichever provider answers: each subclass runs it against
 * one ({@link SandboxSubscriptionApiTests}, {@link FakeProviderSubscriptionApiTests}),
 * seeded from the tests' seed, and drives what the API cannot through the provider's
 * {@link ProviderTestHooks}. Each test works on its own seeded account, so tests do not
 * see each other's changes.
 */
@TestPropertySource(properties = { "recur.portal.security.owner-roles=owner,admin",
		"recur.portal.role-mapping.roles.owner=full", "recur.portal.role-mapping.roles.admin=choice",
		"recur.portal.configurations.choice.features=subscription-view,subscription-cancel,subscription-update,subscription-pause",
		"recur.portal.configurations.choice.cancellation.timing-choice=true",
		"recur.portal.configurations.choice.quantity.enabled=true",
		"recur.portal.configurations.choice.quantity.minimum=2",
		"recur.portal.configurations.choice.quantity.maximum=10",
		"recur.portal.configurations.choice.pause.max-duration=30d" })
abstract class SubscriptionApiTests {

	private static final String API = "/api/subscriptions";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private BillingGateway gateway;

	@Autowired
	private ProviderTestHooks hooks;

	@Autowired
	private SubscriptionMirror mirror;

	@Autowired
	private AuditTrail auditTrail;

	@Test
	void listShowsPlanStatusAndNextCharge() throws Exception {
		this.mvc.perform(as(get(API), "acct_active", "alice", "owner"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data.length()").value(1))
			.andExpect(jsonPath("$.data[0].id").value("sub_active"))
			.andExpect(jsonPath("$.data[0].status").value("active"))
			.andExpect(jsonPath("$.data[0].on_hold").value(false))
			.andExpect(jsonPath("$.data[0].plan.price_id").value("price_pro_monthly"))
			.andExpect(jsonPath("$.data[0].plan.product_name").value("Pro"))
			.andExpect(jsonPath("$.data[0].plan.unit_amount").value(2900))
			.andExpect(jsonPath("$.data[0].plan.interval").value("month"))
			.andExpect(jsonPath("$.data[0].next_charge_at").isNotEmpty())
			.andExpect(jsonPath("$.data[0].ends_at").value(nullValue()));
	}

	@Test
	void springSecurityTestsJwtIsReadLikeARealToken() throws Exception {
		// A host's own tests use jwt(): the portal maps its claims with the same converter.
		this.mvc.perform(get(API + "/identity").with(jwt().jwt((token) -> token.subject("bob")
			.claim("acc", "acct_active")
			.claim("role", "member"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.account_id").value("acct_active"))
			.andExpect(jsonPath("$.owner").value(false));
		this.mvc.perform(post(API + "/sub_active/cancel").with(jwt().jwt((token) -> token.claim("acc", "acct_active")
			.claim("role", "member"))))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("feature_not_enabled"));
		this.mvc.perform(get(API).with(jwt()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("account_claim_missing"));
	}

	@Test
	void listShowsOnHoldSubscription() throws Exception {
		this.mvc.perform(as(get(API), "acct_on_hold", "carol", "owner"))
			.andExpect(jsonPath("$.data[0].status").value("past_due"))
			.andExpect(jsonPath("$.data[0].on_hold").value(true));
	}

	@Test
	void listOfAccountWithoutCustomerIsEmpty() throws Exception {
		this.mvc.perform(as(get(API), "acct_nobody", "nina", "owner"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data.length()").value(0));
	}

	@Test
	void featuresShowEntitlementsAndWhatTheCallerMayDo() throws Exception {
		this.mvc.perform(as(get(API + "/features"), "acct_active", "alice", "owner"))
			.andExpect(jsonPath("$.entitlements", containsInAnyOrder("api", "inboxes:unlimited", "rules")))
			.andExpect(jsonPath("$.features", hasItem("subscription-cancel")))
			.andExpect(jsonPath("$.actions", hasItem("cancel_subscription")));
		this.mvc.perform(as(get(API + "/features"), "acct_active", "bob", "member"))
			.andExpect(jsonPath("$.entitlements", containsInAnyOrder("api", "inboxes:unlimited", "rules")))
			.andExpect(jsonPath("$.features", containsInAnyOrder("subscription-view", "invoice-history")))
			.andExpect(jsonPath("$.actions", not(hasItem("cancel_subscription"))))
			.andExpect(jsonPath("$.actions", hasItem("download_invoice")));
	}

	@Test
	void onHoldSubscriptionGrantsNoEntitlements() throws Exception {
		this.mvc.perform(as(get(API + "/features"), "acct_on_hold", "carol", "owner"))
			.andExpect(jsonPath("$.entitlements.length()").value(0));
	}

	@Test
	void merchantsShowProviderAndActivePlans() throws Exception {
		this.mvc.perform(as(get(API + "/merchants"), "acct_active", "alice", "owner"))
			.andExpect(jsonPath("$.merchants[0].provider").value(this.hooks.providerName()))
			.andExpect(jsonPath("$.merchants[0].live_mode").value(false))
			.andExpect(jsonPath("$.plans[*].price_id", containsInAnyOrder("price_starter_monthly",
					"price_starter_yearly", "price_pro_monthly", "price_pro_yearly", "price_euro_monthly")))
			.andExpect(jsonPath("$.can_subscribe").value(true));
		this.mvc.perform(as(get(API + "/merchants"), "acct_active", "bob", "member"))
			.andExpect(jsonPath("$.can_subscribe").value(false));
	}

	@Test
	void cancelAtPeriodEndThenReactivate() throws Exception {
		this.mvc
			.perform(as(post(API + "/sub_lifecycle/cancel"), "acct_lifecycle", "lena", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"timing\":\"period_end\",\"reason\":\"too_expensive\",\"comment\":\"Budget cuts\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.cancel_at_period_end").value(true))
			.andExpect(jsonPath("$.next_charge_at").value(nullValue()))
			.andExpect(jsonPath("$.ends_at").isNotEmpty())
			.andExpect(jsonPath("$.cancellation_reason").value("too_expensive"));
		assertThat(this.gateway.findSubscription("sub_lifecycle").orElseThrow().cancelAtPeriodEnd()).isTrue();
		this.mvc.perform(as(post(API + "/sub_lifecycle/reactivate"), "acct_lifecycle", "lena", "owner"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cancel_at_period_end").value(false))
			.andExpect(jsonPath("$.next_charge_at").isNotEmpty());
		this.mvc.perform(as(get(API), "acct_lifecycle", "lena", "owner"))
			.andExpect(jsonPath("$.data[0].cancel_at_period_end").value(false));
		assertThat(this.auditTrail.findByAccount("acct_lifecycle", 2)).extracting(AuditEntry::action)
			.containsExactly("reactivate_subscription", "cancel_subscription");
	}

	@Test
	void cancelWithoutBodyUsesConfigurationMode() throws Exception {
		this.mvc.perform(as(post(API + "/sub_retry/cancel"), "acct_retry", "rita", "owner"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cancel_at_period_end").value(true));
		this.mvc.perform(as(post(API + "/sub_retry/reactivate"), "acct_retry", "rita", "owner"))
			.andExpect(status().isOk());
	}

	@Test
	void cancelNowNeedsAConfigurationThatAllowsIt() throws Exception {
		this.mvc
			.perform(as(post(API + "/sub_timing/cancel"), "acct_timing", "tim", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"timing\":\"immediately\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("cancel_timing_not_allowed"));
		assertThat(this.gateway.findSubscription("sub_timing").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);
		this.mvc
			.perform(as(post(API + "/sub_timing/cancel"), "acct_timing", "tim", "admin")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"timing\":\"immediately\",\"reason\":\"unused\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("canceled"));
		assertThat(this.gateway.findSubscription("sub_timing").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.CANCELED);
	}

	@Test
	void seatsMustBeAWholeJsonNumber() throws Exception {
		// 6.9 was rounded down to 6 seats and billed; "7" was read as 7.
		for (String path : List.of(API + "/sub_seats/change/preview", API + "/sub_seats/change")) {
			for (String invalid : List.of("6.9", "50.99", "\"7\"", "7.0", "6e0", "true", "[7]", "99999999999")) {
				this.mvc
					.perform(as(post(path), "acct_seats", "sam", "admin").contentType(MediaType.APPLICATION_JSON)
						.content("{\"quantity\":" + invalid + "}"))
					.andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.code").value("invalid_request"));
			}
		}
		assertThat(this.gateway.findSubscription("sub_seats").orElseThrow().quantity()).isEqualTo(3);
	}

	@Test
	void seatsChangeWithinTheConfigurationsBounds() throws Exception {
		String preview = API + "/sub_seats/change/preview";
		String change = API + "/sub_seats/change";
		this.mvc
			.perform(as(post(preview), "acct_seats", "sam", "owner").contentType(MediaType.APPLICATION_JSON)
				.content("{\"quantity\":5}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("quantity_change_not_allowed"));
		for (String outOfRange : List.of("1", "11")) {
			this.mvc
				.perform(as(post(preview), "acct_seats", "sam", "admin").contentType(MediaType.APPLICATION_JSON)
					.content("{\"quantity\":" + outOfRange + "}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("quantity_out_of_range"));
		}
		for (String invalid : List.of("{\"quantity\":0}", "{\"quantity\":\"many\"}", "{\"quantity\":3}")) {
			this.mvc
				.perform(as(post(preview), "acct_seats", "sam", "admin").contentType(MediaType.APPLICATION_JSON)
					.content(invalid))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("invalid_request"));
		}
		this.mvc
			.perform(as(post(preview), "acct_seats", "sam", "admin").contentType(MediaType.APPLICATION_JSON)
				.content("{\"quantity\":5}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.quantity").value(5))
			.andExpect(jsonPath("$.new_plan.price_id").value("price_starter_monthly"))
			.andExpect(jsonPath("$.proration_amount").value(org.hamcrest.Matchers.greaterThan(0)));
		this.mvc
			.perform(as(post(preview), "acct_seats", "sam", "admin").contentType(MediaType.APPLICATION_JSON)
				.content("{\"price_id\":\"price_pro_monthly\",\"quantity\":4}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.quantity").value(4))
			.andExpect(jsonPath("$.new_plan.price_id").value("price_pro_monthly"));
		assertThat(this.gateway.findSubscription("sub_seats").orElseThrow().quantity()).isEqualTo(3);
		this.mvc
			.perform(as(post(change), "acct_seats", "sam", "admin").contentType(MediaType.APPLICATION_JSON)
				.content("{\"quantity\":5}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.quantity").value(5))
			.andExpect(jsonPath("$.plan.price_id").value("price_starter_monthly"));
		Subscription changed = this.gateway.findSubscription("sub_seats").orElseThrow();
		assertThat(changed.quantity()).isEqualTo(5);
		assertThat(changed.price().id()).isEqualTo("price_starter_monthly");
		assertThat(this.auditTrail.findByAccount("acct_seats", 1)).extracting(AuditEntry::action)
			.containsExactly("change_plan");
	}

	@Test
	void resumeDateMustBeInTheFutureAndWithinTheConfigurationsMaximum() throws Exception {
		for (String when : List.of("2000-01-01T00:00:00Z", "2099-01-01T00:00:00Z")) {
			this.mvc
				.perform(as(post(API + "/sub_resume/pause"), "acct_resume", "rosa", "admin")
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"resumes_at\":\"" + when + "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("resume_date_out_of_range"));
		}
		assertThat(this.gateway.findSubscription("sub_resume").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);
		String inTwoWeeks = java.time.Instant.now()
			.plus(java.time.Duration.ofDays(14))
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
			.toString();
		this.mvc
			.perform(as(post(API + "/sub_resume/pause"), "acct_resume", "rosa", "admin")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"resumes_at\":\"" + inTwoWeeks + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("paused"));
		this.mvc.perform(as(post(API + "/sub_resume/resume"), "acct_resume", "rosa", "admin"))
			.andExpect(status().isOk());
	}

	@Test
	void retriedRequestsWithSameIdempotencyKeyChangeProviderOnce() throws Exception {
		long before = this.hooks.mutationCount();
		for (int i = 0; i < 3; i++) {
			this.mvc
				.perform(as(post(API + "/sub_retry/change"), "acct_retry", "rita", "owner")
					.header("Idempotency-Key", "change-1")
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"price_id\":\"price_pro_monthly\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.plan.price_id").value("price_pro_monthly"));
		}
		for (int i = 0; i < 3; i++) {
			this.mvc
				.perform(as(post(API + "/sub_retry/cancel"), "acct_retry", "rita", "owner")
					.header("Idempotency-Key", "cancel-1")
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"timing\":\"period_end\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.cancel_at_period_end").value(true));
		}
		List<String> changed = this.hooks.mutatedObjectIds();
		assertThat(changed.subList(changed.size() - 2, changed.size())).containsOnly("sub_retry");
		assertThat(this.hooks.mutationCount() - before).isEqualTo(2);
	}

	@Test
	void sameIdempotencyKeyForDifferentRequestIsAConflict() throws Exception {
		this.mvc
			.perform(as(post(API + "/sub_pause/change/preview"), "acct_pause", "paul", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"interval\":\"year\"}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(as(post(API + "/sub_pause/pause"), "acct_pause", "paul", "owner").header("Idempotency-Key", "k-9"))
			.andExpect(status().isOk());
		this.mvc
			.perform(as(post(API + "/sub_pause/pause"), "acct_pause", "paul", "owner").header("Idempotency-Key", "k-9")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"resumes_at\":\"2099-01-01T00:00:00Z\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("idempotency_conflict"));
		this.mvc.perform(as(post(API + "/sub_pause/resume"), "acct_pause", "paul", "owner"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("active"));
	}

	@Test
	void previewShowsProrationBeforeAnythingChanges() throws Exception {
		this.mvc
			.perform(as(post(API + "/sub_preview/change/preview"), "acct_preview", "pia", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"price_id\":\"price_pro_monthly\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.new_plan.price_id").value("price_pro_monthly"))
			.andExpect(jsonPath("$.proration_amount").isNumber())
			.andExpect(jsonPath("$.next_invoice_total").isNumber())
			.andExpect(jsonPath("$.lines[0].proration").value(true));
		assertThat(this.gateway.findSubscription("sub_preview").orElseThrow().price().id())
			.isEqualTo("price_starter_monthly");
	}

	@Test
	void changeByIntervalThenByPrice() throws Exception {
		this.mvc
			.perform(as(post(API + "/sub_change/change"), "acct_change", "chen", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"interval\":\"year\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.plan.price_id").value("price_starter_yearly"));
		this.mvc
			.perform(as(post(API + "/sub_change/change"), "acct_change", "chen", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"price_id\":\"price_pro_yearly\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.plan.price_id").value("price_pro_yearly"));
	}

	@Test
	void changeToAnIntervalThePlanDoesNotOfferSaysWhichInPlainWords() throws Exception {
		this.mvc
			.perform(as(post(API + "/sub_change/change/preview"), "acct_change", "chen", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"interval\":\"day\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("price_not_available"))
			.andExpect(jsonPath("$.detail").value("This plan has no daily price."));
	}

	@Test
	void badInputIsAClearProblemNeverA500() throws Exception {
		String change = API + "/sub_change/change";
		expectProblem(post(change).contentType(MediaType.APPLICATION_JSON).content("{\"interval\":"), 400,
				"invalid_request");
		expectProblem(post(change).contentType(MediaType.APPLICATION_JSON).content("{\"interval\":\"decade\"}"), 400,
				"invalid_request");
		expectProblem(post(change).contentType(MediaType.APPLICATION_JSON).content("{\"interval\":[1,2]}"), 400,
				"invalid_request");
		expectProblem(post(change).contentType(MediaType.APPLICATION_JSON)
			.content("{\"interval\":\"year\",\"price_id\":\"price_pro_monthly\"}"), 400, "invalid_request");
		expectProblem(post(change).contentType(MediaType.APPLICATION_JSON).content("{}"), 400, "invalid_request");
		expectProblem(post(change).contentType(MediaType.APPLICATION_JSON).content("[]"), 400, "invalid_request");
		expectProblem(post(change).contentType(MediaType.TEXT_PLAIN).content("interval=year"), 415,
				"unsupported_media_type");
		expectProblem(post(API + "/sub$x/change").contentType(MediaType.APPLICATION_JSON)
			.content("{\"interval\":\"year\"}"), 400, "invalid_request");
		expectProblem(post(change).contentType(MediaType.APPLICATION_JSON)
			.content("{\"price_id\":\"" + "p".repeat(300) + "\"}"), 400, "invalid_request");
		expectProblem(post(change).header("Idempotency-Key", "has space")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"interval\":\"year\"}"), 400, "invalid_request");
		expectProblem(post(API + "/sub_change/cancel").contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\":\"" + "x".repeat(20_000) + "\"}"), 413, "payload_too_large");
		expectProblem(post(API + "/sub_change/cancel").contentType(MediaType.APPLICATION_JSON)
			.content("{\"timing\":\"tomorrow\"}"), 400, "invalid_request");
		expectProblem(post(API + "/sync?allow_deletes=maybe"), 400, "invalid_request");
		assertThat(this.gateway.findSubscription("sub_change").orElseThrow().cancelAtPeriodEnd()).isFalse();
	}

	@Test
	void syncCountsAndKeepsLocalRowsUnlessDeletesAllowed() throws Exception {
		this.mvc.perform(as(get(API), "acct_other", "mallory", "owner")).andExpect(status().isOk());
		Subscription real = this.gateway.findSubscription("sub_other").orElseThrow();
		Subscription ghost = new Subscription("sub_ghost", real.customerId(), SubscriptionStatus.ACTIVE, real.price(),
				1, real.currentPeriodStart(), real.currentPeriodEnd(), false, null, null, null, null, null, null, null,
				real.created());
		this.mirror.save("acct_other", ghost);
		this.mvc.perform(as(post(API + "/sync?allow_deletes=false"), "acct_other", "mallory", "owner"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.deleted").value(0))
			.andExpect(jsonPath("$.unchanged").value(1));
		assertThat(this.mirror.find("acct_other", "sub_ghost")).isPresent();
		// A change whose webhook never arrived: only the sync can find it.
		this.hooks.withoutEvents(() -> this.gateway.cancel("sub_other", CancelTiming.PERIOD_END,
				CancellationReason.NONE, "dashboard-change"));
		this.mvc.perform(as(post(API + "/sync?allow_deletes=true"), "acct_other", "mallory", "owner"))
			.andExpect(jsonPath("$.updated").value(1))
			.andExpect(jsonPath("$.deleted").value(1));
		assertThat(this.mirror.find("acct_other", "sub_ghost")).isEmpty();
		assertThat(this.mirror.find("acct_other", "sub_other").orElseThrow().cancelAtPeriodEnd()).isTrue();
	}

	@Test
	void checkoutCreatesCustomerThenSyncRecordsTheSubscription() throws Exception {
		String response = this.mvc
			.perform(as(post(API + "/stripe/checkout-session"), "acct_new", "nora", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"price_id\":\"price_starter_monthly\","
						+ "\"success_url\":\"https://app.example.com/billing?session={CHECKOUT_SESSION_ID}\","
						+ "\"cancel_url\":\"https://app.example.com/billing\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.url").value(startsWith(this.hooks.checkoutUrlPrefix())))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String sessionId = response.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		String sync = "{\"session_id\":\"" + sessionId + "\"}";
		this.mvc
			.perform(as(post(API + "/stripe/checkout-session-sync"), "acct_new", "nora", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content(sync))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("checkout_incomplete"));
		this.hooks.completeCheckout(sessionId);
		this.mvc
			.perform(as(post(API + "/stripe/checkout-session-sync"), "acct_active", "alice", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content(sync))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("checkout_session_not_found"));
		this.mvc
			.perform(as(post(API + "/stripe/checkout-session-sync"), "acct_new", "nora", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content(sync))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.plan.price_id").value("price_starter_monthly"));
		this.mvc.perform(as(get(API), "acct_new", "nora", "owner")).andExpect(jsonPath("$.data.length()").value(1));
		this.mvc.perform(as(get(API + "/identity"), "acct_new", "nora", "owner"))
			.andExpect(jsonPath("$.customer_id").value(startsWith("cus_")));
	}

	@Test
	void anOwnerWithoutCustomerOpensThePortalToChooseAPlanAMemberCannot() throws Exception {
		String open = "{\"return_url\":\"https://app.example.com/account\"}";
		this.mvc
			.perform(as(post(API + "/stripe/portal-session"), "acct_first", "mia", "member")
				.contentType(MediaType.APPLICATION_JSON)
				.content(open))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("customer_not_found"));
		this.mvc.perform(as(get(API + "/identity"), "acct_first", "mia", "member"))
			.andExpect(jsonPath("$.customer_id").doesNotExist());
		this.mvc
			.perform(as(post(API + "/stripe/portal-session"), "acct_first", "max", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"return_url\":\"https://evil.example.net/\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("return_url_not_allowed"));
		this.mvc.perform(as(get(API + "/identity"), "acct_first", "max", "owner"))
			.andExpect(jsonPath("$.customer_id").doesNotExist());
		this.mvc
			.perform(as(post(API + "/stripe/portal-session"), "acct_first", "max", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content(open))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.url").value(containsString("/portal/s/")));
		this.mvc.perform(as(get(API + "/identity"), "acct_first", "max", "owner"))
			.andExpect(jsonPath("$.customer_id").value(startsWith("cus_")));
		this.mvc.perform(as(get(API), "acct_first", "max", "owner")).andExpect(jsonPath("$.data.length()").value(0));
	}

	@Test
	void ownersReadWhoDidWhatRefusalsAndReasonsIncluded() throws Exception {
		this.mvc
			.perform(as(post(API + "/sub_audit/cancel"), "acct_audit", "bob", "member")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(as(post(API + "/sub_audit/cancel"), "acct_audit", "audrey", "owner")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"timing\":\"period_end\",\"reason\":\"too_expensive\",\"comment\":\"Budget cut\"}"))
			.andExpect(status().isOk());
		this.mvc.perform(as(get(API + "/activity"), "acct_audit", "bob", "member"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("owner_required"));
		this.mvc.perform(as(get(API + "/activity?limit=0"), "acct_audit", "audrey", "owner"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(as(get(API + "/activity?limit=500"), "acct_audit", "audrey", "owner"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(as(get(API + "/activity"), "acct_audit", "audrey", "owner"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data[0].action").value("view_activity"))
			.andExpect(jsonPath("$.data[0].actor").value("bob"))
			.andExpect(jsonPath("$.data[0].outcome").value("refused"))
			.andExpect(jsonPath("$.data[0].result").value("owner_required"))
			.andExpect(jsonPath("$.data[1].action").value("cancel_subscription"))
			.andExpect(jsonPath("$.data[1].actor").value("audrey"))
			.andExpect(jsonPath("$.data[1].actor_type").value("user"))
			.andExpect(jsonPath("$.data[1].target").value("sub_audit"))
			.andExpect(jsonPath("$.data[1].outcome").value("succeeded"))
			.andExpect(jsonPath("$.data[1].reason").value("too_expensive"))
			.andExpect(jsonPath("$.data[1].comment").value("Budget cut"))
			.andExpect(jsonPath("$.data[2].action").value("cancel_subscription"))
			.andExpect(jsonPath("$.data[2].actor").value("bob"))
			.andExpect(jsonPath("$.data[2].outcome").value("refused"))
			.andExpect(jsonPath("$.data[2].result").value("feature_not_enabled"))
			.andExpect(jsonPath("$.data[2].at").exists());
		// Another account's owner sees none of it.
		this.mvc.perform(as(get(API + "/activity"), "acct_other", "mallory", "owner"))
			.andExpect(jsonPath("$.data[*].target", not(hasItem("sub_audit"))));
	}

	@Test
	void checkoutRefusesPricesNotOffered() throws Exception {
		expectProblem(post(API + "/stripe/checkout-session").contentType(MediaType.APPLICATION_JSON)
			.content("{\"price_id\":\"price_legacy\",\"success_url\":\"https://app.example.com/\","
					+ "\"cancel_url\":\"https://app.example.com/\"}"),
				400, "price_not_available");
		expectProblem(post(API + "/stripe/checkout-session").contentType(MediaType.APPLICATION_JSON)
			.content("{\"price_id\":\"price_pro_monthly\",\"success_url\":\"https://app.example.com@evil.example/\","
					+ "\"cancel_url\":\"https://app.example.com/\"}"),
				400, "return_url_not_allowed");
		expectProblem(post(API + "/stripe/checkout-session").contentType(MediaType.APPLICATION_JSON)
			.content("{\"price_id\":\"price_pro_monthly\",\"success_url\":\"javascript:alert(1)\","
					+ "\"cancel_url\":\"https://app.example.com/\"}"),
				400, "return_url_not_allowed");
	}

	@Test
	void invoicesListAndPdfDownload() throws Exception {
		String invoiceId = this.gateway.listInvoices("cus_active", 1).get(0).id();
		this.mvc.perform(as(get(API + "/invoices"), "acct_active", "bob", "member"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data[0].id").value(invoiceId))
			.andExpect(jsonPath("$.data[0].status").value(InvoiceStatus.PAID.value()))
			.andExpect(jsonPath("$.data[0].pdf_url").value(API + "/invoices/" + invoiceId + "/pdf"));
		byte[] pdf = this.mvc.perform(as(get(API + "/invoices/" + invoiceId + "/pdf"), "acct_active", "bob", "member"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andExpect(header().string("Content-Disposition", startsWith("attachment; filename=\"invoice-")))
			.andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		this.mvc.perform(as(get(API + "/invoices/in_does_not_exist/pdf"), "acct_active", "bob", "member"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("invoice_not_found"));
	}

	private void expectProblem(MockHttpServletRequestBuilder request, int status, String code) throws Exception {
		ResultActions result = this.mvc.perform(as(request, "acct_change", "chen", "owner"));
		result.andExpect(status().is(status)).andExpect(jsonPath("$.code").value(code));
	}

	private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String account, String user,
			String role) {
		return request.with(accountJwt((token) -> token.subject(user).claim("acc", account).claim("role", role)));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return new TestJwts().decoder();
		}

	}

}
