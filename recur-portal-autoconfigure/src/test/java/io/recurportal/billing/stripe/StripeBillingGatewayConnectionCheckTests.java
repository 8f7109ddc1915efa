package io.recurportal.billing.stripe;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.billing.ProviderStatus;
import io.recurportal.billing.ProviderStatus.State;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.SECRET_KEY;
import static io.recurportal.billing.stripe.StripeTestSupport.error;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link StripeBillingGateway#checkConnection()}: the one request it makes and
 * what each of Stripe's answers means for the portal's health.
 */
@ExtendWith(OutputCaptureExtension.class)
class StripeBillingGatewayConnectionCheckTests {

	private static final String CUSTOMERS_PATH = "/v1/customers";

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private final StripeBillingGateway gateway = StripeTestSupport.gateway(stripe);

	@Test
	void checkWhenStripeListsCustomersThenAvailableAfterOneGetOfOneCustomer() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS_PATH))
			.willReturn(json(list(CUSTOMERS_PATH, true, fixture("customer.json")))));

		ProviderStatus status = this.gateway.checkConnection();

		assertThat(status).isEqualTo(ProviderStatus.available());
		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo(CUSTOMERS_PATH);
		assertThat(request.params()).containsExactlyEntriesOf(Map.of("limit", "1"));
	}

	@Test
	void checkWhenStripeRejectsTheKeyThenInvalidApiKeyWithoutTheKey() {
		// A Stripe double that echoes the whole key: Stripe itself shows only its last characters.
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS_PATH)).willReturn(
				error(401, "invalid_request_error", null, "Invalid API Key provided: " + SECRET_KEY, null, null)));

		ProviderStatus status = this.gateway.checkConnection();

		assertThat(status.state()).isEqualTo(State.INVALID_API_KEY);
		assertThat(status.state().code()).isEqualTo("invalid_api_key");
		assertThat(status.message()).contains("HTTP 401").doesNotContain(SECRET_KEY).doesNotContain("sk_test_");
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void checkWhenTheRestrictedKeyMayNotReadCustomersThenInsufficientPermissions() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS_PATH)).willReturn(error(403, "invalid_request_error", null,
				"The provided key 'rk_test_***' does not have the required permissions", null, null)));

		ProviderStatus status = this.gateway.checkConnection();

		assertThat(status.state()).isEqualTo(State.INSUFFICIENT_PERMISSIONS);
		assertThat(status.message()).contains("HTTP 403").doesNotContain("rk_test_");
	}

	@Test
	void checkWhenRateLimitedThenRateLimitedWithoutRetrying() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS_PATH)).willReturn(
				error(429, "invalid_request_error", "rate_limit", "Too many requests", null, null)
					.withHeader("Stripe-Should-Retry", "true")));

		ProviderStatus status = this.gateway.checkConnection();

		assertThat(status.state()).isEqualTo(State.RATE_LIMITED);
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void checkWhenStripeFailsThenProviderErrorWithoutTheRetriesOtherCallsMake() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS_PATH))
			.willReturn(error(500, "api_error", null, "Something went wrong", null, null)));

		ProviderStatus status = this.gateway.checkConnection();

		assertThat(status.state()).isEqualTo(State.PROVIDER_ERROR);
		assertThat(status.message()).contains("HTTP 500");
		// The client retries twice for the portal's other calls; a probe must not wait for that.
		assertThat(StripeTestSupport.MAX_NETWORK_RETRIES).isPositive();
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void checkWhenTheConnectionDropsThenUnreachableWithoutRetrying() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS_PATH))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		ProviderStatus status = this.gateway.checkConnection();

		assertThat(status.state()).isEqualTo(State.UNREACHABLE);
		assertThat(status.message()).isEqualTo("Stripe could not be reached");
		// The JDK's HTTP client resends a GET once by itself when the connection drops.
		int checkTries = requests(stripe).size();
		assertThat(checkTries).isBetween(1, 2);
		stripe.resetRequests();
		assertThat(catchThrowable(() -> this.gateway.findCustomerByEmail("jenny@example.com")))
			.isInstanceOf(PortalException.class);
		assertThat(requests(stripe)).as("the portal's other calls, which retry").hasSizeGreaterThan(checkTries);
	}

	@Test
	void checkWhenStripeAnswersTooSlowlyThenUnreachableAfterTheCheckTimeoutNotTheClients() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS_PATH))
			.willReturn(json(list(CUSTOMERS_PATH, false)).withFixedDelay(2000)));
		// The client waits ten seconds for the portal's calls; the check its own, shorter time.
		StripeConnectionCheck check = new StripeConnectionCheck(
				StripeTestSupport.client(stripe, Duration.ofSeconds(10)), Duration.ofMillis(300));

		long started = System.nanoTime();
		ProviderStatus status = check.check();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(status.state()).isEqualTo(State.UNREACHABLE);
		assertThat(status.message()).isEqualTo("Stripe did not answer in time");
		assertThat(took).isLessThan(Duration.ofMillis(1900));
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void checkWhenNothingListensThenUnreachable() {
		StripeBillingGateway unreachable = new StripeBillingGateway(
				StripeClients.create(SECRET_KEY, "http://127.0.0.1:1", 2, Duration.ofSeconds(2), Duration.ofSeconds(2),
						Duration.ZERO),
				StripeGatewaySettings.forSecretKey(SECRET_KEY, null, Duration.ofSeconds(2), Duration.ofSeconds(2)));

		ProviderStatus status = unreachable.checkConnection();

		assertThat(status.state()).isEqualTo(State.UNREACHABLE);
		assertThat(status.message()).isEqualTo("Stripe could not be reached");
	}

	@Test
	void checkLogsAtDebugWithTheKeyRedacted(CapturedOutput output) {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS_PATH)).willReturn(
				error(401, "invalid_request_error", null, "Invalid API Key provided: " + SECRET_KEY, null, null)));
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(StripeConnectionCheck.class.getName(), LogLevel.DEBUG);
		try {
			assertThat(this.gateway.checkConnection().state()).isEqualTo(State.INVALID_API_KEY);
		}
		finally {
			logging.setLogLevel(StripeConnectionCheck.class.getName(), null);
		}
		assertThat(output).contains("Stripe connection check: invalid_api_key (status 401")
			.contains("[redacted]")
			.doesNotContain(SECRET_KEY);
	}

}
