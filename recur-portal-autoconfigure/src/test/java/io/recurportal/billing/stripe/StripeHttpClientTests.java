package io.recurportal.billing.stripe;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.RateLimitException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.recurportal.metrics.PortalMetrics;
import io.recurportal.testsupport.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.SECRET_KEY;
import static io.recurportal.billing.stripe.StripeTestSupport.error;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StripeHttpClient}: the delays between tries, the call's budget, and
 * what Stripe receives. How each failure becomes a portal error is tested through the
 * gateway in {@link StripeBillingGatewayFaultTests}.
 */
class StripeHttpClientTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	private static final String CUSTOMER_ID = "cus_NffrFeUfNV2Hib";

	private static final String CUSTOMER_PATH = "/v1/customers/" + CUSTOMER_ID;

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private final MutableClock clock = new MutableClock(StripeTestSupport.NOW);

	// What the client waited between tries; waiting moves the clock instead of the test.
	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private final StripeHttpClient.Sleeper sleeper = (delay) -> {
		this.waits.add(delay);
		this.clock.advance(delay);
	};

	@Test
	void delayWhenNoInitialDelayThenNone() {
		StripeHttpClient client = new StripeHttpClient(CONNECT_TIMEOUT, Duration.ZERO);

		assertThat(client.delay(1)).isZero();
		assertThat(client.delay(5)).isZero();
	}

	@Test
	void delayThenStartsAtTheInitialDelayAndDoublesWithJitter() {
		StripeHttpClient client = new StripeHttpClient(CONNECT_TIMEOUT, Duration.ofMillis(500));

		assertThat(client.delay(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(client.delay(2)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
		assertThat(client.delay(3)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
	}

	@Test
	void delayThenNeverMoreThanFiveSeconds() {
		StripeHttpClient client = new StripeHttpClient(CONNECT_TIMEOUT, Duration.ofMillis(500));

		assertThat(client.delay(10)).isBetween(Duration.ofMillis(3750), Duration.ofSeconds(5));
		assertThat(client.delay(1000)).isBetween(Duration.ofMillis(3750), Duration.ofSeconds(5));
	}

	@Test
	void retryWhenStripeAsksToWaitThenWaitsRetryAfterWhileTheCallsBudgetAllows() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMER_PATH))
			.willReturn(error(429, "invalid_request_error", "lock_timeout", "This object cannot be accessed right now",
					null, null)
				.withHeader("Stripe-Should-Retry", "true")
				.withHeader("Retry-After", "7")));
		StripeClient client = client(5, Duration.ofSeconds(5),
				new StripeHttpClient(CONNECT_TIMEOUT, Duration.ofMillis(500), Duration.ofSeconds(10),
						PortalMetrics.none(), this.clock, this.sleeper));

		assertThatExceptionOfType(RateLimitException.class)
			.isThrownBy(() -> client.v1().customers().retrieve(CUSTOMER_ID));

		// 7 s, not the 0.5 s back-off; then 3 s are left, too few to wait 7 s again.
		assertThat(this.waits).containsExactly(Duration.ofSeconds(7));
		assertThat(requests(stripe)).hasSize(2);
	}

	@Test
	void retryWhenTheBackOffWouldOutlastTheCallsBudgetThenTheLastAnswerAtOnce() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMER_PATH))
			.willReturn(error(500, "api_error", null, "An unknown error occurred", null, null)));
		StripeClient client = client(5, Duration.ofSeconds(5), new StripeHttpClient(CONNECT_TIMEOUT,
				Duration.ofSeconds(1), Duration.ofSeconds(5), PortalMetrics.none(), this.clock, this.sleeper));

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> client.v1().customers().retrieve(CUSTOMER_ID));

		// 1 s, then 2 s less jitter; the next back-off (4 s less jitter, at least 3 s) would
		// leave no time for a try in the 2.5 s or less that are left.
		assertThat(this.waits).hasSize(2).first().isEqualTo(Duration.ofSeconds(1));
		assertThat(requests(stripe)).hasSize(3);
	}

	@Test
	void retryWhenEveryTryStallsThenTheCallsBudgetEndsTheCall() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMER_PATH))
			.willReturn(json(fixture("customer.json")).withChunkedDribbleDelay(6, 3000)));
		// Each try may take 300 ms, the call 500 ms: the second try gets what is left.
		StripeClient client = client(5, Duration.ofMillis(300),
				new StripeHttpClient(CONNECT_TIMEOUT, Duration.ZERO, Duration.ofMillis(500), PortalMetrics.none()));

		assertThatExceptionOfType(ApiConnectionException.class)
			.isThrownBy(() -> client.v1().customers().retrieve(CUSTOMER_ID))
			.havingCause()
			.isInstanceOf(HttpTimeoutException.class);

		assertThat(requests(stripe)).hasSizeBetween(1, 2);
	}

	@Test
	void requestWhenTheConnectionDropsAndNoRetriesThenStripeReceivesOneRequestAndOneIsRecorded() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMER_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		StripeClient client = client(0, Duration.ofSeconds(5), new StripeHttpClient(CONNECT_TIMEOUT, Duration.ZERO,
				Duration.ofSeconds(10), new PortalMetrics(registry)));

		assertThatExceptionOfType(ApiConnectionException.class)
			.isThrownBy(() -> client.v1().customers().retrieve(CUSTOMER_ID));

		assertThat(requests(stripe)).hasSize(1);
		assertThat(registry.get(PortalMetrics.PROVIDER_CALLS)
			.tags("provider", "stripe", "operation", "GET /v1/customers/{id}", "outcome", "io_error")
			.timer()
			.count()).isEqualTo(1);
	}

	private static StripeClient client(int maxNetworkRetries, Duration readTimeout, StripeHttpClient httpClient) {
		return StripeClients.create(SECRET_KEY, stripe.baseUrl(), maxNetworkRetries, CONNECT_TIMEOUT, readTimeout,
				httpClient);
	}

}
