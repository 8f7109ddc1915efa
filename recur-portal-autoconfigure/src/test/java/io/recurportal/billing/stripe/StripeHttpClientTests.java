package io.recurportal.billing.stripe;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the delays between tries of {@link StripeHttpClient}; the tries themselves
 * are tested through the gateway in {@link StripeBillingGatewayFaultTests}.
 */
class StripeHttpClientTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

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

}
