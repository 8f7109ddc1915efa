package io.recurportal.billing.stripe;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.stripe.exception.ApiConnectionException;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.recurportal.testsupport.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.SECRET_KEY;
import static io.recurportal.billing.stripe.StripeTestSupport.error;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.object;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for how {@link StripeBillingGateway} behaves when Stripe fails, refuses or cannot
 * be reached: the retries stripe-java makes, the idempotency key every try carries and
 * the portal error each failure becomes.
 */
@ExtendWith(OutputCaptureExtension.class)
class StripeBillingGatewayFaultTests {

	private static final String SUBSCRIPTION_ID = "sub_1MowQVLkdIwHu7ix";

	private static final String SUBSCRIPTION_PATH = "/v1/subscriptions/" + SUBSCRIPTION_ID;

	private static final String KEY = "cancel:sub_1MowQVLkdIwHu7ix:7";

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingGateway gateway;

	@BeforeEach
	void createGateway() {
		this.gateway = StripeTestSupport.gateway(stripe);
	}

	private PortalException cancelFails() {
		return cancelFails(this.gateway);
	}

	private static PortalException cancelFails(StripeBillingGateway gateway) {
		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> gateway.cancel(SUBSCRIPTION_ID, CancelTiming.PERIOD_END, CancellationReason.NONE, KEY));
		assertThat(ex).as("PortalException").isNotNull();
		return ex;
	}

	private static void assertTriesWithTheSameKey(int tries) {
		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).hasSize(tries);
		assertThat(requests).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo(SUBSCRIPTION_PATH);
			assertThat(request.idempotencyKey()).isEqualTo(KEY);
			request.assertStripeHeaders();
		});
	}

	@Test
	void mutationWhenRateLimitedThenProviderUnavailableWithStripesRetryAfterAndNoRetry() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(
				error(429, "invalid_request_error", "rate_limit", "Too many requests", null, null)
					.withHeader("Retry-After", "7")));

		PortalException ex = cancelFails();

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
		// Hammering a rate limit makes it worse: the caller waits Retry-After instead.
		assertTriesWithTheSameKey(1);
	}

	@Test
	void callsWhenRateLimitedThenOneWarningAMinuteCountingTheOthers(CapturedOutput output) {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(
				error(429, "invalid_request_error", "rate_limit", "Too many requests", null, null)));
		MutableClock clock = new MutableClock(StripeTestSupport.NOW);
		StripeBillingGateway gateway = new StripeBillingGateway(StripeTestSupport.client(stripe, Duration.ofSeconds(10)),
				StripeGatewaySettings.forSecretKey(StripeTestSupport.SECRET_KEY, StripeTestSupport.PUBLISHABLE_KEY,
						Duration.ofSeconds(5), Duration.ofSeconds(10)),
				clock);

		for (int i = 0; i < 5; i++) {
			cancelFails(gateway);
		}
		clock.advance(StripeErrorTranslator.RATE_LIMIT_WARNING_INTERVAL);
		cancelFails(gateway);

		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ")
				&& line.contains("Stripe is rate limiting requests"))).hasSize(2);
		assertThat(output.getOut()).contains("Stripe is rate limiting requests; 4 more since the last warning");
	}

	@Test
	void mutationWhenRateLimitedUntilAnHttpDateThenRetryAfterIsTheTimeLeft() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(
				error(429, "invalid_request_error", "rate_limit", "Too many requests", null, null)
					.withHeader("Retry-After", "Thu, 20 Aug 2026 10:00:30 GMT")));

		assertThat(cancelFails().getRetryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void mutationWhenRateLimitedWithoutRetryAfterThenASmallDefault() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(
				error(429, "invalid_request_error", "rate_limit", "Too many requests", null, null)));

		assertThat(cancelFails().getRetryAfter()).isEqualTo(StripeErrorTranslator.DEFAULT_RATE_LIMIT_DELAY);
	}

	@Test
	void mutationWhenLockTimeoutMarkedRetryableThenRetriedWithTheSameKey() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(error(429, "invalid_request_error", "lock_timeout", "This object cannot be accessed right now",
					null, null)
				.withHeader("Stripe-Should-Retry", "true")));

		assertThat(cancelFails().getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertTriesWithTheSameKey(3);
	}

	@Test
	void mutationWhenServerErrorThenRetriedTwiceWithTheSameKeyThenProviderUnavailable() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(error(500, "api_error", null, "An unknown error occurred", null, null)));

		PortalException ex = cancelFails();

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getRetryAfter()).isEqualTo(StripeErrorTranslator.DEFAULT_UNAVAILABLE_DELAY);
		assertTriesWithTheSameKey(3);
	}

	@Test
	void mutationWhenUnavailableForLongerThanTheCallMayTakeThenNotRetriedAndRetryAfterPassedOn() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(
					error(503, "api_error", null, "Service unavailable", null, null).withHeader("Retry-After", "30")));

		assertThat(cancelFails().getRetryAfter()).isEqualTo(Duration.ofSeconds(30));
		// 30 s is beyond the call's 20 s: the caller hears it at once, not after two early tries.
		assertTriesWithTheSameKey(1);
	}

	@Test
	void mutationWhenLockTimeoutAsksForMoreThanTheCallMayTakeThenNotRetried() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(error(429, "invalid_request_error", "lock_timeout", "This object cannot be accessed right now",
					null, null)
				.withHeader("Stripe-Should-Retry", "true")
				.withHeader("Retry-After", "30")));

		PortalException ex = cancelFails();

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(30));
		assertTriesWithTheSameKey(1);
	}

	@Test
	void mutationWhenStripeSaysNotToRetryThenTriedOnce() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(error(500, "api_error", null, "An unknown error occurred", null, null)
				.withHeader("Stripe-Should-Retry", "false")));

		assertThat(cancelFails().getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertTriesWithTheSameKey(1);
	}

	@Test
	void mutationWhenAProxyAnswersHtmlThenProviderUnavailable() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(aResponse().withStatus(502)
				.withHeader("Content-Type", "text/html")
				.withBody("<h1>Bad gateway</h1>")));

		assertThat(cancelFails().getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertTriesWithTheSameKey(3);
	}

	@Test
	void mutationWhenTheReadTimesOutThenRetriedWithTheSameKeyThenProviderUnavailable() {
		StripeBillingGateway impatient = StripeTestSupport.gateway(stripe, Duration.ofMillis(200));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(fixture("subscription.json")).withFixedDelay(2000)));

		PortalException ex = cancelFails(impatient);

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getMessage()).isEqualTo("The billing provider did not answer in time");
		assertThat(ex.getRetryAfter()).isEqualTo(StripeErrorTranslator.DEFAULT_UNAVAILABLE_DELAY);
		assertTriesWithTheSameKey(3);
	}

	@Test
	void lookupWhenTheAnswerStallsAfterItsHeadersThenEachTryEndsAtItsDeadline() {
		StripeBillingGateway impatient = StripeTestSupport.gateway(stripe, Duration.ofMillis(300));
		// The headers at once, then the body in pieces over 3 s: the headers-only timeout of
		// the JDK's client waited for all of it.
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(fixture("subscription.json")).withChunkedDribbleDelay(6, 3000)));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> impatient.findSubscription(SUBSCRIPTION_ID));

		assertThat(ex).as("PortalException").isNotNull();
		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getMessage()).isEqualTo("The billing provider did not answer in time");
		assertThat(ex.getCause()).isInstanceOf(ApiConnectionException.class)
			.cause()
			.isInstanceOf(HttpTimeoutException.class)
			.hasMessage("No complete answer within 300 ms");
		assertThat(requests(stripe)).hasSize(3);
	}

	@ParameterizedTest
	@EnumSource(names = { "EMPTY_RESPONSE", "CONNECTION_RESET_BY_PEER" })
	void lookupWhenTheConnectionDropsThenStripeReceivesOneRequestPerTry(Fault fault) {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(aResponse().withFault(fault)));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.findSubscription(SUBSCRIPTION_ID));

		assertThat(ex).as("PortalException").isNotNull();
		assertThat(ex.getMessage()).isEqualTo("The billing provider could not be reached");
		// The JDK's client sends a GET again by itself on such a drop: that would be 6.
		assertThat(requests(stripe)).hasSize(StripeTestSupport.MAX_NETWORK_RETRIES + 1);
	}

	@Test
	void mutationWhenTheConnectionIsResetThenRetriedWithTheSameKeyThenProviderUnavailable() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		PortalException ex = cancelFails();

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getMessage()).isEqualTo("The billing provider could not be reached");
		assertTriesWithTheSameKey(3);
	}

	@Test
	void mutationWhenTheConnectionDropsOnceThenTheRetryWithTheSameKeySucceeds() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).inScenario("drop once")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("dropped"));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).inScenario("drop once")
			.whenScenarioStateIs("dropped")
			.willReturn(json(
					fixture("subscription.json", (subscription) -> subscription.put("cancel_at_period_end", true)))));

		Subscription subscription = this.gateway.cancel(SUBSCRIPTION_ID, CancelTiming.PERIOD_END,
				CancellationReason.NONE, KEY);

		assertThat(subscription.cancelAtPeriodEnd()).isTrue();
		assertTriesWithTheSameKey(2);
	}

	@Test
	void mutationWhenTheKeyIsInUseByAConcurrentRequestThenRetriedThenProviderUnavailable() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(error(409, "invalid_request_error", "idempotency_key_in_use",
					"There is currently another in-progress request using this key", null, null)));

		assertThat(cancelFails().getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertTriesWithTheSameKey(3);
	}

	@Test
	void mutationWhenTheKeyWasUsedForAnotherRequestThenIdempotencyConflict() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(error(400, "idempotency_error", null,
				"Keys for idempotent requests can only be used with the same parameters they were first used with.",
				null, null)));

		PortalException ex = cancelFails();

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.IDEMPOTENCY_CONFLICT);
		assertTriesWithTheSameKey(1);
	}

	@Test
	void mutationWhenStripeRejectsTheRequestThenInvalidRequestWithoutStripesText() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(error(400, "invalid_request_error",
				"parameter_unknown", "Received unknown parameter: cus_Internal_Detail", "foo", null)));
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));

		PortalException ex = cancelFails();

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.INVALID_REQUEST);
		assertThat(ex.getMessage()).isEqualTo("The billing provider rejected the request (parameter_unknown)");
	}

	@Test
	void lookupWhenStripesAnswerIsNotJsonThenProviderUnavailableAndTheAnswerNotLoggedAboveDebug(
			CapturedOutput output) {
		String email = "jenny.rosen@example.com";
		String phone = "+886912345678";
		String session = fixture("checkout-session.json", (checkout) -> checkout.putObject("customer_details")
			.put("email", email)
			.put("phone", phone)
			.putNull("name")
			.putNull("address")
			.put("tax_exempt", "none")
			.putArray("tax_ids"));
		String checkoutUrl = object(session).get("url").asString();
		// Cut short, as a connection closed by a proxy leaves it: stripe-java quotes it whole.
		stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_test_a1Recur"))
			.willReturn(json(session.substring(0, session.length() - 2))));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.findCheckoutSession("cs_test_a1Recur"));

		assertThat(ex).as("PortalException").isNotNull();
		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(email, phone, checkoutUrl);
		}
		assertThat(output.getAll()).contains("WARN", "was not Stripe's JSON; it is logged at DEBUG")
			.doesNotContain(email)
			.doesNotContain(phone)
			.doesNotContain(checkoutUrl);
	}

	@Test
	void lookupWhenServerErrorThenRetriedThenProviderUnavailable() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(error(500, "api_error", null, "An unknown error occurred", null, null)));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.findSubscription(SUBSCRIPTION_ID));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(requests(stripe)).hasSize(3).allSatisfy((request) -> assertThat(request.idempotencyKey()).isNull());
	}

	@Test
	void lookupWhenSearchFailsOnTheServerThenProviderUnavailableWithoutListing() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(error(500, "api_error", null, "An unknown error occurred", null, null)));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.findCustomerByExternalId("acct-42"));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::path)
			.containsOnly("/v1/customers/search");
	}

	@Test
	void callWhenNothingListensThenProviderUnavailable() {
		StripeBillingGateway unreachable = new StripeBillingGateway(
				StripeClients.create(SECRET_KEY, "http://127.0.0.1:1", 1, Duration.ofSeconds(2), Duration.ofSeconds(2),
						Duration.ZERO),
				StripeGatewaySettings.forSecretKey(SECRET_KEY, null, Duration.ofSeconds(2), Duration.ofSeconds(2)));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> unreachable.findCustomer("cus_NffrFeUfNV2Hib"));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getMessage()).isEqualTo("The billing provider could not be reached");
	}

	@Test
	void callWhenTheKeyIsRejectedThenProviderUnavailableLoggedOnceAsConfigurationProblemAndTheKeyNowhere(
			CapturedOutput output) {
		// A Stripe double that echoes the whole key: Stripe itself shows only its last characters.
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(error(401, "invalid_request_error", null,
				"Invalid API Key provided: " + SECRET_KEY, null, null)));

		PortalException first = cancelFails();
		PortalException second = cancelFails();

		for (PortalException ex : List.of(first, second)) {
			assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
			assertThat(ex.getMessage()).isEqualTo("The billing provider is not available");
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET_KEY).doesNotContain("sk_test_");
				assertThat(cause.toString()).doesNotContain(SECRET_KEY);
			}
		}
		// An authentication failure is an answer, not an outage: it is not retried.
		assertTriesWithTheSameKey(2);
		assertThat(output.getAll()).doesNotContain(SECRET_KEY);
		assertThat(output.getAll().lines().filter((line) -> line.contains("ERROR")
				&& line.contains("The configured Stripe secret key was rejected by Stripe")))
			.hasSize(1);
	}

	@Test
	void callWhenTheKeyLacksAPermissionThenProviderUnavailableLoggedAsConfigurationProblem(CapturedOutput output) {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib")).willReturn(error(403,
				"invalid_request_error", null,
				"The provided key 'rk_test_51Recur***Key' does not have the required permissions for this endpoint",
				null, null)));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.findCustomer("cus_NffrFeUfNV2Hib"));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getCause()).isNull();
		assertThat(output.getAll()).contains("The configured Stripe secret key lacks a permission the portal needs")
			.doesNotContain("rk_test_51Recur");
	}

}
