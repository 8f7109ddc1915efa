package io.recurportal.billing.stripe;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StripeGatewaySettings}.
 */
class StripeGatewaySettingsTests {

	@Test
	void forSecretKeyWhenLiveSecretOrRestrictedKeyThenLiveMode() {
		assertThat(settings("sk_live_51abc").liveMode()).isTrue();
		assertThat(settings("rk_live_51abc").liveMode()).isTrue();
	}

	@Test
	void forSecretKeyWhenTestKeyThenNotLiveMode() {
		assertThat(settings("sk_test_51abc").liveMode()).isFalse();
		assertThat(settings("rk_test_51abc").liveMode()).isFalse();
	}

	@Test
	void forSecretKeyThenKeepsThePublishableKeyAndTimeoutsButNotTheSecret() {
		StripeGatewaySettings settings = settings("sk_test_51abc");

		assertThat(settings.publishableKey()).isEqualTo("pk_test_51abc");
		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(settings.toString()).doesNotContain("sk_test_51abc");
	}

	private static StripeGatewaySettings settings(String secretKey) {
		return StripeGatewaySettings.forSecretKey(secretKey, "pk_test_51abc", Duration.ofSeconds(3),
				Duration.ofSeconds(20));
	}

}
