package io.recurportal.billing.stripe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalFeature;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.CONFIGURATIONS_PATH;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.FULL;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.INVOICES;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.SESSIONS_PATH;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.owned;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.params;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.portal;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.proMonthly;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.stripeDefault;
import static io.recurportal.billing.stripe.StripeTestSupport.error;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link StripeBillingPortal#createSession}: the billing-portal session it asks
 * Stripe for.
 */
class StripeBillingPortalSessionTests {

	private static final String CUSTOMER_ID = "cus_NffrFeUfNV2Hib";

	private static final String RETURN_URL = "https://app.example.com/account";

	private static final String SUBSCRIPTION_ID = "sub_1MowQVLkdIwHu7ix";

	private static final String KEY = "portal-session:acct-42:7";

	private static final String SESSION_URL = "https://billing.stripe.com/p/session/test_YWNjdF8xUmVjdXJQb3J0YWw";

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingPortal portal;

	@BeforeEach
	void synchronizeFullAndInvoices() {
		stubNoConfigurationYet();
		this.portal = portal(stripe, List.of(FULL, INVOICES));
		this.portal.synchronize();
		stripe.resetRequests();
		stripe.stubFor(post(urlPathEqualTo(SESSIONS_PATH)).willReturn(json(fixture("billing-portal-session.json"))));
	}

	private static void stubNoConfigurationYet() {
		stripe.stubFor(get(urlPathEqualTo(CONFIGURATIONS_PATH))
			.willReturn(json(list(CONFIGURATIONS_PATH, false, stripeDefault()))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices")).willReturn(json(list("/v1/prices", false, proMonthly()))));
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH))
			.withRequestBody(containing("recur_portal_configuration]=full"))
			.willReturn(json(owned("bpc_1RecurFull", "full", "irrelevant"))));
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH))
			.withRequestBody(containing("recur_portal_configuration]=invoices"))
			.willReturn(json(owned("bpc_1RecurInvoices", "invoices", "irrelevant"))));
	}

	private StripeTestSupport.Recorded onlySessionRequest() {
		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(SESSIONS_PATH);
		return request;
	}

	@Test
	void createSessionThenPostsTheStripeConfigurationCustomerAndReturnUrlWithTheIdempotencyKey() {
		HostedPortalSession session = this.portal.createSession(CUSTOMER_ID, "invoices", RETURN_URL, null, null, KEY);

		StripeTestSupport.Recorded request = onlySessionRequest();
		assertThat(request.params()).isEqualTo(
				Map.of("configuration", "bpc_1RecurInvoices", "customer", CUSTOMER_ID, "return_url", RETURN_URL));
		assertThat(request.idempotencyKey()).isEqualTo(KEY);
		assertThat(session).isEqualTo(new HostedPortalSession("bps_1RecurSession", SESSION_URL));
	}

	@Test
	void createSessionWithACancelFlowThenOpensOnCancellingTheSubscription() {
		this.portal.createSession(CUSTOMER_ID, "full", RETURN_URL, HostedPortalFlow.subscriptionCancel(SUBSCRIPTION_ID),
				null, KEY);

		assertThat(onlySessionRequest().params()).isEqualTo(params("configuration", "bpc_1RecurFull", "customer",
				CUSTOMER_ID, "return_url", RETURN_URL, "flow_data[type]", "subscription_cancel",
				"flow_data[subscription_cancel][subscription]", SUBSCRIPTION_ID));
	}

	@Test
	void createSessionWithAnUpdateFlowThenOpensOnSwitchingTheSubscriptionsPlan() {
		this.portal.createSession(CUSTOMER_ID, "full", RETURN_URL, HostedPortalFlow.subscriptionUpdate(SUBSCRIPTION_ID),
				null, KEY);

		assertThat(onlySessionRequest().params()).isEqualTo(params("configuration", "bpc_1RecurFull", "customer",
				CUSTOMER_ID, "return_url", RETURN_URL, "flow_data[type]", "subscription_update",
				"flow_data[subscription_update][subscription]", SUBSCRIPTION_ID));
	}

	@Test
	void createSessionWithAPaymentMethodFlowThenOpensOnAddingAPaymentMethod() {
		this.portal.createSession(CUSTOMER_ID, "full", RETURN_URL, HostedPortalFlow.paymentMethodUpdate(), null, KEY);

		assertThat(onlySessionRequest().params()).isEqualTo(params("configuration", "bpc_1RecurFull", "customer",
				CUSTOMER_ID, "return_url", RETURN_URL, "flow_data[type]", "payment_method_update"));
	}

	@ParameterizedTest
	@CsvSource({ "en, en", "zh-TW, zh-TW", "zh-CN, zh", "ja, ja", "th, th", "tlh, auto" })
	void createSessionWithALocaleThenSendsStripesCodeForIt(String locale, String stripeLocale) {
		this.portal.createSession(CUSTOMER_ID, "full", RETURN_URL, null, locale, KEY);

		assertThat(onlySessionRequest().params()).containsEntry("locale", stripeLocale);
	}

	@Test
	void createSessionWithAFlowTheConfigurationLacksThenFeatureNotEnabledWithoutCallingStripe() {
		PortalException ex = catchThrowableOfType(PortalException.class, () -> this.portal.createSession(CUSTOMER_ID,
				"invoices", RETURN_URL, HostedPortalFlow.subscriptionCancel(SUBSCRIPTION_ID), null, KEY));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.FEATURE_NOT_ENABLED);
		assertThat(requests(stripe)).isEmpty();
	}

	@Test
	void createSessionForAnUnknownConfigurationThenIllegalArgumentWithoutCallingStripe() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.portal.createSession(CUSTOMER_ID, "admins", RETURN_URL, null, null, KEY))
			.withMessageContaining("No portal configuration named 'admins'");
		assertThat(requests(stripe)).isEmpty();
	}

	@Test
	void createSessionBeforeSynchronizingThenSynchronizesTheConfigurationFirst() {
		PortalConfiguration team = new PortalConfiguration("team", Set.of(PortalFeature.INVOICE_HISTORY),
				PortalConfiguration.Branding.NONE, PortalConfiguration.Cancellation.DEFAULT,
				PortalConfiguration.PlanChange.DEFAULT, null);
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH))
			.withRequestBody(containing("recur_portal_configuration]=team"))
			.willReturn(json(owned("bpc_1RecurTeam", "team", "irrelevant"))));
		StripeBillingPortal fresh = portal(stripe, List.of(FULL, team));

		fresh.createSession(CUSTOMER_ID, "team", RETURN_URL, null, null, KEY);
		fresh.createSession(CUSTOMER_ID, "team", RETURN_URL, null, null, KEY);

		// Only the configuration asked for, and only once.
		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::method, StripeTestSupport.Recorded::path)
			.containsExactly(tuple("GET", CONFIGURATIONS_PATH),
					tuple("POST", CONFIGURATIONS_PATH),
					tuple("POST", SESSIONS_PATH),
					tuple("POST", SESSIONS_PATH));
		assertThat(requests(stripe).get(2).params()).containsEntry("configuration", "bpc_1RecurTeam");
		assertThat(fresh.findStripeConfigurationId("full")).isEmpty();
	}

	@Test
	void createSessionWhenStripeIsRateLimitingThenProviderUnavailable() {
		stripe.stubFor(post(urlPathEqualTo(SESSIONS_PATH)).willReturn(
				error(429, "invalid_request_error", "rate_limit", "Too many requests", null, null)
					.withHeader("Retry-After", "2")));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.portal.createSession(CUSTOMER_ID, "full", RETURN_URL, null, null, KEY));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(2));
		onlySessionRequest();
	}

	@Test
	void createSessionWhenTheCustomerIsUnknownThenCustomerNotFound() {
		stripe.stubFor(post(urlPathEqualTo(SESSIONS_PATH))
			.willReturn(resourceMissing("customer: '" + CUSTOMER_ID + "'", "customer")));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.portal.createSession(CUSTOMER_ID, "full", RETURN_URL, null, null, KEY));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.CUSTOMER_NOT_FOUND);
	}

	@Test
	void createSessionWhenTheFlowsSubscriptionIsUnknownThenSubscriptionNotFound() {
		stripe.stubFor(post(urlPathEqualTo(SESSIONS_PATH)).willReturn(resourceMissing(
				"subscription: '" + SUBSCRIPTION_ID + "'", "flow_data[subscription_cancel][subscription]")));

		PortalException ex = catchThrowableOfType(PortalException.class, () -> this.portal.createSession(CUSTOMER_ID,
				"full", RETURN_URL, HostedPortalFlow.subscriptionCancel(SUBSCRIPTION_ID), null, KEY));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.SUBSCRIPTION_NOT_FOUND);
	}

	@Test
	void createSessionWithALongIdempotencyKeyThenSendsItsHash() {
		String longKey = "portal-session:" + "x".repeat(300);

		this.portal.createSession(CUSTOMER_ID, "full", RETURN_URL, null, null, longKey);

		assertThat(onlySessionRequest().idempotencyKey()).isEqualTo(StripeIdempotencyKeys.of(longKey))
			.startsWith("sha256-");
	}

}
