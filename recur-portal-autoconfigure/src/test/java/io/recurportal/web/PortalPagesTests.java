package io.recurportal.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.recurportal.audit.AuditEntry;
import io.recurportal.audit.AuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessionStore;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.PortalTokens;
import io.recurportal.testsupport.ProviderTestHooks;
import io.recurportal.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The portal pages, whichever provider answers: opening links, what each configuration
 * shows, and every action. Each subclass runs them against one provider
 * ({@link SandboxPortalPagesTests}, {@link FakeProviderPortalPagesTests}), seeded from
 * the tests' seed, with the portal's settings below, and drives what the pages cannot
 * through the provider's {@link ProviderTestHooks}. Each test works on its own seeded
 * account.
 */
@TestPropertySource(properties = { "recur.portal.allowed-return-origins=https://app.example.com",
		"recur.portal.base-url=https://billing.example.com",
		"recur.portal.configurations.full.branding.business-name=Inbox Manager",
		"recur.portal.configurations.full.branding.primary-color=#4f46e5",
		"recur.portal.configurations.choice.features=subscription-view,subscription-cancel,subscription-update,subscription-pause",
		"recur.portal.configurations.choice.cancellation.timing-choice=true",
		"recur.portal.configurations.choice.quantity.enabled=true",
		"recur.portal.configurations.choice.quantity.minimum=2",
		"recur.portal.configurations.choice.quantity.maximum=10",
		"recur.portal.configurations.choice.pause.max-duration=30d",
		"recur.portal.configurations.full.branding.headline=Manage your plan",
		"recur.portal.configurations.full.branding.translations.ja.headline=プランの管理" })
@ExtendWith(OutputCaptureExtension.class)
abstract class PortalPagesTests {

	static final String RETURN = "https://app.example.com/account";

	@Autowired
	MockMvc mvc;

	@Autowired
	private PortalSessions sessions;

	@Autowired
	private PortalSessionStore store;

	@Autowired
	private BillingGateway gateway;

	@Autowired
	private ProviderTestHooks hooks;

	@Autowired
	private AuditTrail auditTrail;

	@Test
	void linkOpensOnceAndMovesTheTokenOutOfTheAddressBar() throws Exception {
		String url = this.sessions.create(PortalSessionRequest.forCustomer("cus_active", RETURN)).url();
		assertThat(url).startsWith("https://billing.example.com/portal/s/");
		String path = url.substring("https://billing.example.com".length());
		MockHttpServletResponse opened = this.mvc.perform(get(path))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/portal"))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andReturn()
			.getResponse();
		String cookie = opened.getHeader("Set-Cookie");
		assertThat(cookie).startsWith(PortalCookies.SESSION + "=")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.contains("Path=/portal")
			.contains("Max-Age=3600");
		this.mvc.perform(get(path))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("already been used")))
			.andExpect(content().string(containsString(RETURN)));
	}

	@Test
	void unknownAndExpiredLinksSayWhatToDo() throws Exception {
		this.mvc.perform(get("/portal/s/" + PortalTokens.generate()))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("not valid")));
		this.mvc.perform(get("/portal/s/not-a-token")).andExpect(status().isNotFound());
		String token = PortalTokens.generate();
		Instant past = Instant.now().minus(Duration.ofHours(2));
		this.store.create(new PortalSession("portal_sess_old", "cus_active", "acct_active", "full", RETURN, null, true,
				past, past.plusSeconds(60), null, null), PortalTokens.hash(token));
		this.mvc.perform(get("/portal/s/" + token))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("expired")))
			.andExpect(header().doesNotExist("Set-Cookie"));
	}

	@Test
	void thirtyTwoConcurrentRedemptionsOfOneTokenGiveExactlyOneSession() throws Exception {
		String url = this.sessions.create(PortalSessionRequest.forCustomer("cus_active", RETURN)).url();
		String token = url.substring(url.lastIndexOf('/') + 1);
		int threads = 32;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return this.sessions.open(token).isPresent();
				}));
			}
			int opened = 0;
			for (Future<Boolean> result : results) {
				opened += result.get() ? 1 : 0;
			}
			assertThat(opened).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void withoutSessionThePortalSaysTheSessionEnded() throws Exception {
		this.mvc.perform(get("/portal"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().string(containsString("session has ended")));
		this.mvc.perform(get("/portal").cookie(new Cookie(PortalCookies.SESSION, PortalTokens.generate())))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void fullConfigurationShowsEverySectionWithSecurityHeaders() throws Exception {
		Cookie session = open("cus_active", "full", true);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(content().string(containsString("Inbox Manager")))
			.andExpect(content().string(containsString("id=\"subscriptions\"")))
			.andExpect(content().string(containsString("$29.00 per month")))
			.andExpect(content().string(containsString("Next charge: $29.00.")))
			.andExpect(content().string(containsString("id=\"payment-method\"")))
			.andExpect(content().string(containsString("Visa ending in 4242")))
			.andExpect(content().string(containsString("id=\"invoices\"")))
			.andExpect(content().string(containsString("id=\"profile\"")))
			// No LicenseKeyProvider here: a section that could only be empty is hidden.
			.andExpect(content().string(not(containsString("id=\"license-keys\""))))
			.andExpect(content().string(not(containsString("id=\"plans\""))))
			.andExpect(content().string(containsString("/portal/subscriptions/sub_active/cancel")))
			.andExpect(content().string(containsString("/portal/assets/brand/full.css")))
			.andExpect(content().string(not(containsString("<script"))));
		this.mvc.perform(get("/portal/assets/brand/full.css"))
			.andExpect(content().string(containsString("--brand: #4f46e5")));
	}

	@Test
	void errorPagesKeepTheSessionsBrandAndTheHeadlineSpeaksThePagesLanguage() throws Exception {
		Cookie session = open("cus_active", "full", true);
		this.mvc.perform(get("/portal/subscriptions/sub_nowhere/cancel").cookie(session))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Inbox Manager")))
			.andExpect(content().string(containsString("Manage your plan")))
			.andExpect(content().string(containsString("/portal/assets/brand/full.css")));
		this.mvc.perform(get("/portal").param("lang", "ja").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("プランの管理")))
			.andExpect(content().string(not(containsString("Manage your plan"))))
			.andExpect(content().string(containsString("Inbox Manager")));
	}

	@Test
	void invoicesConfigurationNeverSeesOrReachesACancelForm() throws Exception {
		Cookie session = open("cus_active", "invoices", false);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"invoices\"")))
			.andExpect(content().string(not(containsString("/cancel"))))
			.andExpect(content().string(not(containsString("id=\"payment-method\""))))
			.andExpect(content().string(not(containsString("id=\"profile\""))))
			.andExpect(content().string(not(containsString("/change"))));
		this.mvc.perform(get("/portal/subscriptions/sub_active/cancel").cookie(session))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/portal/subscriptions/sub_active/pause").cookie(session))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/portal/subscriptions/sub_active/change/preview").param("quantity", "2").cookie(session))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/portal/subscriptions/sub_active/change").cookie(session)
				.with(csrf())
				.param("quantity", "2")
				.param("request_id", "r-q"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/portal/subscriptions/sub_active/cancel").cookie(session)
				.with(csrf())
				.param("timing", "immediately")
				.param("request_id", "r-t"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/portal/subscriptions/sub_active/cancel").cookie(session)
				.with(csrf())
				.param("request_id", "r-1"))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("not available in your billing portal")));
		String invoiceId = this.gateway.listInvoices("cus_active", 1).get(0).id();
		this.mvc.perform(get("/portal/invoices/" + invoiceId + "/pdf").cookie(session))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"));
		assertThat(this.gateway.findSubscription("sub_active").orElseThrow().cancelAtPeriodEnd()).isFalse();
	}

	@Test
	void viewOnlySessionWithFullConfigurationCannotChangeBilling() throws Exception {
		Cookie session = open("cus_active", "full", false);
		this.mvc.perform(get("/portal/subscriptions/sub_active/pause").cookie(session))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/portal/subscriptions/sub_active/change").cookie(session)
				.with(csrf())
				.param("quantity", "2")
				.param("request_id", "r-q2"))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only an owner")));
		Cookie viewOnlyTeam = open("cus_seats", "choice", false);
		this.mvc.perform(get("/portal/subscriptions/sub_seats/change/preview").param("quantity", "5").cookie(viewOnlyTeam))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/portal/subscriptions/sub_seats/cancel").cookie(viewOnlyTeam)
				.with(csrf())
				.param("timing", "immediately")
				.param("request_id", "r-t2"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/portal/subscriptions/sub_active/pause").cookie(session)
				.with(csrf())
				.param("request_id", "r-2"))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Only an owner")));
	}

	@Test
	void formsNeedTheCsrfToken() throws Exception {
		Cookie session = open("cus_lifecycle", "full", true);
		this.mvc.perform(post("/portal/subscriptions/sub_lifecycle/cancel").cookie(session).param("request_id", "r-3"))
			.andExpect(status().isForbidden());
		assertThat(this.gateway.findSubscription("sub_lifecycle").orElseThrow().cancelAtPeriodEnd()).isFalse();
	}

	@Test
	void cancelWithReasonThenReactivate() throws Exception {
		Cookie session = open("cus_lifecycle", "full", true);
		this.mvc.perform(get("/portal/subscriptions/sub_lifecycle/cancel").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"reason\" value=\"too_expensive\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
		this.mvc
			.perform(post("/portal/subscriptions/sub_lifecycle/cancel").cookie(session)
				.with(csrf())
				.param("reason", "too_expensive")
				.param("comment", "Budget")
				.param("request_id", "r-4"))
			.andExpect(redirectedUrl("/portal?notice=cancel_scheduled"));
		assertThat(this.gateway.findSubscription("sub_lifecycle").orElseThrow().cancelAtPeriodEnd()).isTrue();
		this.mvc.perform(get("/portal?notice=cancel_scheduled").cookie(session))
			.andExpect(content().string(containsString("Your subscription will not renew.")))
			.andExpect(content().string(not(containsString("has been cancelled"))))
			.andExpect(content().string(containsString("status-canceling")))
			.andExpect(content().string(containsString("Cancels on ")))
			.andExpect(content().string(not(containsString(">Active<"))))
			.andExpect(content().string(containsString("/portal/subscriptions/sub_lifecycle/reactivate")));
		this.mvc
			.perform(post("/portal/subscriptions/sub_lifecycle/reactivate").cookie(session)
				.with(csrf())
				.param("request_id", "r-5"))
			.andExpect(redirectedUrl("/portal?notice=reactivated"));
		assertThat(this.gateway.findSubscription("sub_lifecycle").orElseThrow().cancelAtPeriodEnd()).isFalse();
	}

	@Test
	void customerChoosesWhenTheCancellationTakesEffect() throws Exception {
		Cookie plain = open("cus_timing", "full", true);
		this.mvc.perform(get("/portal/subscriptions/sub_timing/cancel").cookie(plain))
			.andExpect(content().string(not(containsString("name=\"timing\""))));
		this.mvc
			.perform(post("/portal/subscriptions/sub_timing/cancel").cookie(plain)
				.with(csrf())
				.param("timing", "immediately")
				.param("request_id", "t-1"))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("That kind of cancellation is not available.")));
		assertThat(this.gateway.findSubscription("sub_timing").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);

		Cookie session = open("cus_timing", "choice", true);
		this.mvc.perform(get("/portal/subscriptions/sub_timing/cancel").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"timing\" value=\"period_end\" checked")))
			.andExpect(content().string(containsString("name=\"timing\" value=\"immediately\"")))
			.andExpect(content().string(containsString("At the end of the period, on ")))
			.andExpect(content().string(containsString("is not refunded")));
		this.mvc
			.perform(post("/portal/subscriptions/sub_timing/cancel").cookie(session)
				.with(csrf())
				.param("timing", "tomorrow")
				.param("request_id", "t-2"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/portal/subscriptions/sub_timing/cancel").cookie(session)
				.with(csrf())
				.param("timing", "immediately")
				.param("request_id", "t-3"))
			.andExpect(redirectedUrl("/portal?notice=canceled"));
		assertThat(this.gateway.findSubscription("sub_timing").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.CANCELED);
		this.mvc.perform(get("/portal?notice=canceled").cookie(session))
			.andExpect(content().string(containsString("has been cancelled")));
	}

	@Test
	void changeSeatsThroughThePreview() throws Exception {
		Cookie fixed = open("cus_seats", "full", true);
		this.mvc.perform(get("/portal").cookie(fixed))
			.andExpect(content().string(containsString("3 seats at $9.00 each")));
		this.mvc.perform(get("/portal/subscriptions/sub_seats/change").cookie(fixed))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("name=\"quantity\""))));
		this.mvc.perform(get("/portal/subscriptions/sub_seats/change/preview").param("quantity", "5").cookie(fixed))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("The number of seats cannot be changed here.")));

		Cookie session = open("cus_seats", "choice", true);
		this.mvc.perform(get("/portal/subscriptions/sub_seats/change").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your subscription has 3 seats.")))
			.andExpect(content().string(containsString("min=\"2\" max=\"10\" value=\"3\"")))
			.andExpect(content().string(containsString("Choose between 2 and 10.")));
		this.mvc.perform(get("/portal/subscriptions/sub_seats/change/preview").param("quantity", "11").cookie(session))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("That number of seats is not available.")));
		this.mvc.perform(get("/portal/subscriptions/sub_seats/change/preview").param("quantity", "0").cookie(session))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/portal/subscriptions/sub_seats/change/preview").cookie(session))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/portal/subscriptions/sub_seats/change/preview").param("quantity", "5").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("From 3 to 5 seats, $9.00 per seat.")))
			.andExpect(content().string(containsString("name=\"quantity\" value=\"5\"")))
			.andExpect(content().string(containsString("Adjustment for the rest of this period")));
		assertThat(this.gateway.findSubscription("sub_seats").orElseThrow().quantity()).isEqualTo(3);
		this.mvc
			.perform(post("/portal/subscriptions/sub_seats/change").cookie(session)
				.with(csrf())
				.param("price", "price_starter_monthly")
				.param("quantity", "5")
				.param("request_id", "s-1"))
			.andExpect(redirectedUrl("/portal?notice=changed"));
		assertThat(this.gateway.findSubscription("sub_seats").orElseThrow().quantity()).isEqualTo(5);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(content().string(containsString("5 seats at $9.00 each")));
	}

	@Test
	void onHoldCardStatesTheAmountDueAndHasOneCardButton() throws Exception {
		Cookie session = open("cus_on_hold", "full", true);
		long due = this.gateway.listInvoices("cus_on_hold", 10)
			.stream()
			.mapToLong(io.recurportal.billing.Invoice::amountRemaining)
			.sum();
		assertThat(due).isPositive();
		String page = this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(String.format(java.util.Locale.US, "$%.2f is due", due / 100.0))
			.contains("Update card and pay")
			.doesNotContain(">Update card<");
		assertThat(page.split("action=\"/portal/payment-method\"", -1)).hasSize(2);
	}

	@Test
	void pauseAsksFirstAndOffersAResumeDateWhereAllowed() throws Exception {
		Cookie plain = open("cus_resume", "full", true);
		this.mvc.perform(get("/portal").cookie(plain))
			.andExpect(content().string(containsString("href=\"/portal/subscriptions/sub_resume/pause\"")));
		this.mvc.perform(get("/portal/subscriptions/sub_resume/pause").cookie(plain))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("you are not charged")))
			.andExpect(content().string(not(containsString("name=\"resume_on\""))));
		assertThat(this.gateway.findSubscription("sub_resume").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);

		Cookie session = open("cus_resume", "choice", true);
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
		this.mvc.perform(get("/portal/subscriptions/sub_resume/pause").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"resume_on\" type=\"date\"")))
			.andExpect(content().string(containsString("min=\"" + today.plusDays(1) + "\" max=\"" + today.plusDays(30) + "\"")));
		for (java.time.LocalDate outOfRange : List.of(today, today.plusDays(40))) {
			this.mvc
				.perform(post("/portal/subscriptions/sub_resume/pause").cookie(session)
					.with(csrf())
					.param("resume_on", outOfRange.toString())
					.param("request_id", "p-" + outOfRange))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("That resume date is not available.")));
		}
		this.mvc
			.perform(post("/portal/subscriptions/sub_resume/pause").cookie(session)
				.with(csrf())
				.param("resume_on", "next tuesday")
				.param("request_id", "p-bad"))
			.andExpect(status().isBadRequest());
		assertThat(this.gateway.findSubscription("sub_resume").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);
		this.mvc
			.perform(post("/portal/subscriptions/sub_resume/pause").cookie(session)
				.with(csrf())
				.param("resume_on", today.plusDays(14).toString())
				.param("request_id", "p-ok"))
			.andExpect(redirectedUrl("/portal?notice=paused"));
		io.recurportal.billing.Subscription paused = this.gateway.findSubscription("sub_resume").orElseThrow();
		assertThat(paused.status()).isEqualTo(SubscriptionStatus.PAUSED);
		assertThat(paused.resumesAt())
			.isEqualTo(today.plusDays(14).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
	}

	@Test
	void switchPlanThroughThePreview() throws Exception {
		Cookie session = open("cus_change", "full", true);
		this.mvc.perform(get("/portal/subscriptions/sub_change/change").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("price=price_pro_monthly")))
			.andExpect(content().string(not(containsString("price=price_euro_monthly"))));
		this.mvc.perform(get("/portal/subscriptions/sub_change/change/preview").param("price", "price_pro_monthly")
			.cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("From Starter to Pro, $29.00 per month.")))
			.andExpect(content().string(containsString("Adjustment for the rest of this period")))
			.andExpect(content().string(containsString("Your next invoice")))
			.andExpect(content().string(containsString("Nothing is charged today: the change is billed with your next invoice on ")));
		assertThat(this.gateway.findSubscription("sub_change").orElseThrow().price().id())
			.isEqualTo("price_starter_monthly");
		this.mvc.perform(get("/portal/subscriptions/sub_change/change/preview").param("price", "price_starter_yearly")
			.cookie(session))
			.andExpect(content().string(containsString("Your Starter plan will be billed $90.00 per year.")))
			.andExpect(content().string(containsString("is charged to your card today.")))
			.andExpect(content().string(not(containsString("Nothing is charged today"))));
		this.mvc
			.perform(post("/portal/subscriptions/sub_change/change").cookie(session)
				.with(csrf())
				.param("price", "price_pro_monthly")
				.param("request_id", "r-6"))
			.andExpect(redirectedUrl("/portal?notice=changed"));
		assertThat(this.gateway.findSubscription("sub_change").orElseThrow().price().id())
			.isEqualTo("price_pro_monthly");
	}

	@Test
	void doubleSubmittedFormChangesOnce() throws Exception {
		Cookie session = open("cus_pause", "full", true);
		long before = this.hooks.mutationCount();
		for (int i = 0; i < 2; i++) {
			this.mvc
				.perform(post("/portal/subscriptions/sub_pause/pause").cookie(session)
					.with(csrf())
					.param("request_id", "same-form"))
				.andExpect(redirectedUrl("/portal?notice=paused"));
		}
		assertThat(this.hooks.mutationCount() - before).isEqualTo(1);
		assertThat(this.gateway.findSubscription("sub_pause").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.PAUSED);
		this.mvc
			.perform(post("/portal/subscriptions/sub_pause/resume").cookie(session)
				.with(csrf())
				.param("request_id", "r-7"))
			.andExpect(redirectedUrl("/portal?notice=resumed"));
		assertThat(this.gateway.findSubscription("sub_pause").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void profileBeyondTheProvidersLimitsIsRefusedAndNothingSaved() throws Exception {
		Cookie session = open("cus_lifecycle", "full", true);
		String before = this.gateway.findCustomer("cus_lifecycle").orElseThrow().name();
		this.mvc
			.perform(post("/portal/profile").cookie(session)
				.with(csrf())
				.header("Accept-Language", "en")
				.param("name", "N".repeat(5_000))
				.param("request_id", "limits-1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("One of the fields is too long")));
		this.mvc
			.perform(post("/portal/profile").cookie(session)
				.with(csrf())
				.header("Accept-Language", "en")
				.param("name", "Lena")
				.param("line1", "1 Main St")
				.param("country", "XX")
				.param("request_id", "limits-2"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Please choose a country from the list")));
		var customer = this.gateway.findCustomer("cus_lifecycle").orElseThrow();
		assertThat(customer.name()).as("nothing saved").isEqualTo(before);
		assertThat(customer.address() == null || !"XX".equals(customer.address().country())).isTrue();
		// A name at the limit is kept whole.
		this.mvc
			.perform(post("/portal/profile").cookie(session)
				.with(csrf())
				.param("name", "N".repeat(256))
				.param("request_id", "limits-3"))
			.andExpect(redirectedUrl("/portal?notice=profile_updated"));
		assertThat(this.gateway.findCustomer("cus_lifecycle").orElseThrow().name()).hasSize(256);
		// Other tests see the customer as it was.
		this.mvc
			.perform(post("/portal/profile").cookie(session).with(csrf()).param("name", before)
				.param("request_id", "limits-4"))
			.andExpect(redirectedUrl("/portal?notice=profile_updated"));
	}

	@Test
	void refusedProfileKeepsWhatWasTypedAndSaysWhatIsWrongBesideEachField() throws Exception {
		Cookie session = open("cus_retry", "full", true);
		String page = this.mvc
			.perform(post("/portal/profile").cookie(session)
				.with(csrf())
				.header("Accept-Language", "en")
				.param("name", "Typed Name")
				.param("email", "not-an-email")
				.param("city", "Typed City")
				.param("country", "jp")
				.param("tax_id_type", "not_a_type")
				.param("tax_id", "T1234")
				.param("request_id", "typed-1"))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("value=\"Typed Name\"", "value=\"Typed City\"", "value=\"not-an-email\"",
				"value=\"T1234\"")
			.contains("<option value=\"JP\" selected=\"selected\">Japan</option>")
			.contains("id=\"email-error\"", "id=\"tax_id_type-error\"")
			.contains("aria-describedby=\"email-error\"")
			.doesNotContain("id=\"name-error\"")
			.contains("Please enter a valid email address.", "Please choose a tax ID type from the list.");
		assertThat(this.gateway.findCustomer("cus_retry").orElseThrow().name()).as("nothing saved")
			.isNotEqualTo("Typed Name");
	}

	@Test
	void taxIdIsSavedWithItsTypeAndShownSplitAgain() throws Exception {
		Cookie session = open("cus_retry", "full", true);
		var before = this.gateway.findCustomer("cus_retry").orElseThrow();
		// The form sends every field; one left out is cleared.
		this.mvc
			.perform(post("/portal/profile").cookie(session)
				.with(csrf())
				.param("name", java.util.Objects.toString(before.name(), ""))
				.param("email", before.email())
				.param("tax_id_type", "th_vat")
				.param("tax_id", " 1234567890123 ")
				.param("request_id", "taxtype-1"))
			.andExpect(redirectedUrl("/portal?notice=profile_updated"));
		assertThat(this.gateway.findCustomer("cus_retry").orElseThrow().taxId()).isEqualTo("th_vat 1234567890123");
		String page = this.mvc.perform(get("/portal/profile").cookie(session).header("Accept-Language", "ja"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<option value=\"th_vat\" selected=\"selected\">TH VAT</option>")
			.contains("value=\"1234567890123\"")
			.contains("<option value=\"JP\">日本</option>");
		this.mvc
			.perform(post("/portal/profile").cookie(session)
				.with(csrf())
				.param("name", java.util.Objects.toString(before.name(), ""))
				.param("email", before.email())
				.param("tax_id", (before.taxId() != null) ? before.taxId() : "")
				.param("request_id", "taxtype-2"))
			.andExpect(redirectedUrl("/portal?notice=profile_updated"));
	}

	@Test
	void editProfile() throws Exception {
		Cookie session = open("cus_retry", "full", true);
		this.mvc.perform(get("/portal/profile").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("rita@example.com")));
		this.mvc
			.perform(post("/portal/profile").cookie(session)
				.with(csrf())
				.param("name", "Rita Ruiz")
				.param("email", "not-an-email")
				.param("request_id", "r-8"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("valid email")));
		this.mvc
			.perform(post("/portal/profile").cookie(session)
				.with(csrf())
				.param("name", "Rita Ruiz")
				.param("email", "RITA@example.com")
				.param("line1", "1 Main St")
				.param("city", "Bangkok")
				.param("country", "th")
				.param("tax_id", "TH123")
				.param("request_id", "r-9"))
			.andExpect(redirectedUrl("/portal?notice=profile_updated"));
		var customer = this.gateway.findCustomer("cus_retry").orElseThrow();
		assertThat(customer.name()).isEqualTo("Rita Ruiz");
		assertThat(customer.email()).as("the same address, saved at once").isEqualTo("RITA@example.com");
		assertThat(customer.address().country()).isEqualTo("TH");
		assertThat(customer.taxId()).isEqualTo("TH123");
	}

	@Test
	void newEmailWithALocalProviderAndNoMailSenderWaitsForALoggedLink(CapturedOutput output) throws Exception {
		Cookie session = open("cus_preview", "full", true);
		this.mvc
			.perform(post("/portal/profile").cookie(session)
				.with(csrf())
				.param("name", "Pia")
				.param("email", "pia@new.example.com")
				.param("request_id", "r-email"))
			.andExpect(redirectedUrl("/portal/profile"));
		assertThat(this.gateway.findCustomer("cus_preview").orElseThrow().email()).isEqualTo("pia@example.com");
		assertThat(output.getAll()).contains("email change confirmation link for pia@new.example.com")
			.contains("https://billing.example.com/portal/email/");
		this.mvc.perform(get("/portal/profile").cookie(session))
			.andExpect(content().string(containsString("We sent a confirmation link to pia@new.example.com")));
	}

	@Test
	void headNeverOpensALinkNorCompletesACardUpdate() throws Exception {
		String url = this.sessions.create(PortalSessionRequest.forCustomer("cus_active", RETURN)).url();
		String path = url.substring(url.indexOf("/portal/s/"));
		this.mvc.perform(head(path))
			.andExpect(status().isOk())
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(cookie().doesNotExist(PortalCookies.SESSION));
		this.mvc.perform(get(path)).andExpect(status().isFound()).andExpect(redirectedUrl("/portal"));
		this.mvc.perform(head(path)).andExpect(status().isGone());
		Cookie session = open("cus_other", "full", true);
		String checkout = this.mvc
			.perform(post("/portal/payment-method").cookie(session).with(csrf()).param("request_id", "r-head"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String id = checkout.substring(checkout.lastIndexOf('/') + 1);
		this.hooks.completeCheckout(id);
		// A HEAD only looks: no completion, so no notice of one.
		this.mvc.perform(head("/portal/payment-method/complete").param("session_id", id).cookie(session))
			.andExpect(redirectedUrl("/portal"));
		this.mvc.perform(get("/portal/payment-method/complete").param("session_id", id).cookie(session))
			.andExpect(redirectedUrl("/portal?notice=card_updated"));
	}

	@Test
	void cardUpdateReturnsToTheBaseUrlWhateverHostTheRequestNames() throws Exception {
		Cookie session = open("cus_other", "full", true);
		String checkout = this.mvc
			.perform(post("/portal/payment-method").cookie(session)
				.with(csrf())
				.param("request_id", "r-host")
				.header("Host", "evil.example:4443")
				.with((request) -> {
					request.setServerName("evil.example");
					request.setServerPort(4443);
					return request;
				}))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		CheckoutSession created = this.gateway.findCheckoutSession(checkout.substring(checkout.lastIndexOf('/') + 1))
			.orElseThrow();
		assertThat(created.successUrl())
			.isEqualTo("https://billing.example.com/portal/payment-method/complete?session_id=" + created.id());
		assertThat(created.cancelUrl()).isEqualTo("https://billing.example.com/portal?notice=card_canceled");
	}

	@Test
	void returnEndsTheSessionAndGoesBack() throws Exception {
		Cookie session = open("cus_other", "full", true);
		this.mvc.perform(post("/portal/return").cookie(session).with(csrf())).andExpect(redirectedUrl(RETURN));
		this.mvc.perform(get("/portal").cookie(session)).andExpect(status().isUnauthorized());
	}

	@Test
	void languageFromSessionHeaderOrChoice() throws Exception {
		Cookie session = open("cus_other", "invoices", false);
		this.mvc.perform(get("/portal").cookie(session).header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5"))
			.andExpect(content().string(containsString("lang=\"ja\"")));
		MvcResult chosen = this.mvc.perform(get("/portal").param("lang", "th").cookie(session))
			.andExpect(content().string(containsString("lang=\"th\"")))
			.andReturn();
		assertThat(chosen.getResponse().getHeaders("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith(PortalCookies.LANGUAGE + "=th"));
		this.mvc.perform(get("/portal").cookie(session).header("Accept-Language", "zh-Hant-TW"))
			.andExpect(content().string(containsString("lang=\"zh-TW\"")));
	}

	@Test
	void withoutSubscriptionTheOwnerChoosesAPlanAndSubscribes() throws Exception {
		Cookie session = open("cus_empty", "full", true);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"plans\"")))
			.andExpect(content().string(containsString("Choose a plan")))
			.andExpect(content().string(containsString("$29.00 per month")))
			.andExpect(content().string(containsString("value=\"price_pro_monthly\"")))
			.andExpect(content().string(not(containsString("Only an owner"))));
		String checkout = this.mvc
			.perform(post("/portal/checkout").cookie(session)
				.with(csrf())
				.param("price", "price_pro_monthly")
				.param("request_id", "r-sub-1"))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(checkout).contains(this.hooks.checkoutUrlPrefix());
		String sessionId = checkout.substring(checkout.lastIndexOf('/') + 1);
		this.hooks.completeCheckout(sessionId);
		this.mvc.perform(get("/portal/checkout/complete").cookie(session).param("session_id", sessionId))
			.andExpect(redirectedUrl("/portal?notice=subscribed"));
		this.mvc.perform(get("/portal?notice=subscribed").cookie(session))
			.andExpect(content().string(containsString("Your subscription has started")))
			.andExpect(content().string(containsString("Pro")))
			.andExpect(content().string(not(containsString("id=\"plans\""))));
	}

	@Test
	void anEndedSubscriptionOffersToSubscribeAgain() throws Exception {
		Cookie session = open("cus_ended", "full", true);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Ended on")))
			.andExpect(content().string(containsString("id=\"plans\"")))
			.andExpect(content().string(containsString("Subscribe again")))
			.andExpect(content().string(containsString("action=\"/portal/checkout\"")));
	}

	@Test
	void membersAndInvoicesOnlySeeThePlansButCannotSubscribe() throws Exception {
		for (Cookie session : new Cookie[] { open("cus_plans_only", "full", false), open("cus_plans_only", "invoices", true) }) {
			this.mvc.perform(get("/portal").cookie(session))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"plans\"")))
				.andExpect(content().string(containsString("$29.00 per month")))
				.andExpect(content().string(containsString("Only an owner of the account can subscribe")))
				.andExpect(content().string(not(containsString("action=\"/portal/checkout\""))));
			this.mvc
				.perform(post("/portal/checkout").cookie(session)
					.with(csrf())
					.param("price", "price_pro_monthly")
					.param("request_id", "r-sub-2"))
				.andExpect(status().isForbidden());
			this.mvc.perform(get("/portal/checkout/complete").cookie(session).param("session_id", "cs_test_x"))
				.andExpect(status().isForbidden());
		}
		this.mvc
			.perform(post("/portal/checkout").cookie(open("cus_plans_only", "full", true))
				.param("price", "price_pro_monthly")
				.param("request_id", "r-sub-3"))
			.andExpect(status().isForbidden());
		assertThat(this.gateway.listSubscriptions("cus_plans_only")).isEmpty();
	}

	@Test
	void anUnofferedPlanOrAnotherAccountsCheckoutIsRefused() throws Exception {
		Cookie session = open("cus_ended", "full", true);
		this.mvc
			.perform(post("/portal/checkout").cookie(session)
				.with(csrf())
				.param("price", "price_legacy")
				.param("request_id", "r-sub-4"))
			.andExpect(status().is4xxClientError())
			.andExpect(content().string(not(containsString("Exception"))));
		this.mvc.perform(get("/portal/checkout/complete").cookie(session).param("session_id", "cs_test_unknown"))
			.andExpect(status().isNotFound());
	}

	@Test
	void ownersReadTheBillingActivityWithRefusalsAndReasons() throws Exception {
		Cookie member = open("cus_audit_pages", "full", false);
		this.mvc
			.perform(post("/portal/subscriptions/sub_audit_pages/pause").cookie(member)
				.with(csrf())
				.param("request_id", "r-audit-1"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/portal/activity").cookie(member)).andExpect(status().isForbidden());
		this.mvc.perform(get("/portal").cookie(member))
			.andExpect(content().string(not(containsString("/portal/activity"))));
		Cookie owner = open("cus_audit_pages", "full", true);
		this.mvc
			.perform(post("/portal/subscriptions/sub_audit_pages/cancel").cookie(owner)
				.with(csrf())
				.param("reason", "too_expensive")
				.param("comment", "Budget")
				.param("request_id", "r-audit-2"))
			.andExpect(redirectedUrl("/portal?notice=cancel_scheduled"));
		this.mvc.perform(get("/portal").cookie(owner))
			.andExpect(content().string(containsString("href=\"/portal/activity\"")));
		this.mvc.perform(get("/portal/activity").cookie(owner))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Recent billing activity")))
			// A billing link's user is the customer it was made for.
			.andExpect(content().string(containsString("paige@example.com")))
			.andExpect(content().string(containsString("Cancelled a subscription")))
			.andExpect(content().string(containsString("Reason: It’s too expensive — Budget")))
			.andExpect(content().string(containsString("Paused a subscription")))
			.andExpect(content().string(containsString("Refused: not allowed")))
			.andExpect(content().string(containsString("Done")))
			.andExpect(content().string(not(containsString("portal-session:"))));
		this.mvc.perform(get("/portal/activity")).andExpect(status().isUnauthorized());
	}

	@Test
	void anActionWithoutATextOfItsOwnStillReadsSensibly() throws Exception {
		this.auditTrail.record(new AuditEntry(Instant.parse("2026-03-01T09:30:00Z"), "acct_ended", "ops-bot",
				"apply_retention_offer", "sub_ended", "provider_unavailable"));
		this.mvc.perform(get("/portal/activity").cookie(open("cus_ended", "full", true)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Other action (apply retention offer)")))
			.andExpect(content().string(containsString("Failed (provider_unavailable)")))
			.andExpect(content().string(containsString("Mar 1, 2026, 9:30")))
			.andExpect(content().string(containsString("ops-bot")));
	}

	@Test
	void recurPortalScriptIsServed() throws Exception {
		this.mvc.perform(get("/recur-portal/recur-portal.js"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("customElements.define('recur-portal'")));
	}

	Cookie open(String customerId, String configuration, boolean owner) throws Exception {
		String url = this.sessions
			.create(new PortalSessionRequest(customerId, null, null, RETURN, configuration, null, null, owner))
			.url();
		MockHttpServletResponse response = this.mvc.perform(get(url.substring(url.indexOf("/portal/s/"))))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse();
		return response.getCookie(PortalCookies.SESSION);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return new TestJwts().decoder();
		}

	}

}
