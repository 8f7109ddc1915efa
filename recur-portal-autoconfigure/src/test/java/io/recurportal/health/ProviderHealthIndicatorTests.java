package io.recurportal.health;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.Answers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.ProviderInfo;
import io.recurportal.billing.ProviderStatus;
import io.recurportal.billing.ProviderStatus.State;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.testsupport.MutableClock;
import io.recurportal.testsupport.TestSandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class ProviderHealthIndicatorTests {

	private static final Instant NOW = Instant.parse("2026-08-20T10:00:00Z");

	private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock(NOW);

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final ProviderHealthIndicator indicator = new ProviderHealthIndicator(this.gateway, TIME_TO_LIVE,
			this.clock);

	private void gatewayAnswers(ProviderStatus status) {
		given(this.gateway.providerInfo()).willReturn(new ProviderInfo("stripe", "pk_live_publishable", true));
		given(this.gateway.checkConnection()).willReturn(status);
	}

	@Test
	void healthWhenAvailableThenUpWithProviderModeAndCheckTimeButNoKey() {
		gatewayAnswers(ProviderStatus.available());

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsOnly(entry("provider", "stripe"), entry("mode", "live"),
				entry("checkedAt", "2026-08-20T10:00:00Z"));
		assertThat(health.toString()).doesNotContain("pk_live");
	}

	@ParameterizedTest
	@EnumSource(names = { "INVALID_API_KEY", "INSUFFICIENT_PERMISSIONS", "UNREACHABLE", "PROVIDER_ERROR" })
	void healthWhenTheProviderCannotBeUsedThenDownWithTheReason(State state) {
		gatewayAnswers(new ProviderStatus(state, "what happened"));

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).contains(entry("provider", "stripe"), entry("reason", state.code()),
				entry("message", "what happened"));
	}

	@Test
	void healthWhenInvalidKeyThenReasonInvalidApiKey() {
		gatewayAnswers(new ProviderStatus(State.INVALID_API_KEY, "Stripe rejected the secret key"));

		assertThat(this.indicator.health().getDetails()).containsEntry("reason", "invalid_api_key");
	}

	@Test
	void healthWhenRateLimitedThenUnknownRatherThanDown() {
		gatewayAnswers(new ProviderStatus(State.RATE_LIMITED, "Stripe is rate limiting requests"));

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("reason", "rate_limited");
	}

	@Test
	void healthWhenTheGatewayOffersNoCheckThenUnknown() {
		BillingGateway hostGateway = mock(BillingGateway.class, Answers.CALLS_REAL_METHODS);
		given(hostGateway.providerInfo()).willReturn(new ProviderInfo("acme", null, false));

		Health health = new ProviderHealthIndicator(hostGateway, TIME_TO_LIVE, this.clock).health();

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).contains(entry("provider", "acme"), entry("mode", "test"),
				entry("reason", "unknown"));
	}

	@Test
	void healthWhenTheCheckThrowsThenDownWithoutTheExceptionsMessage() {
		given(this.gateway.providerInfo()).willReturn(new ProviderInfo("acme", null, false));
		given(this.gateway.checkConnection()).willThrow(new IllegalStateException("secret=sk_live_123"));

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "provider_error");
		assertThat(health.toString()).contains("IllegalStateException").doesNotContain("sk_live_123");
	}

	@Test
	void healthWhenTheCheckThrowsAPortalExceptionThenItsMessageWhichIsMadeToBeShown() {
		given(this.gateway.providerInfo()).willReturn(new ProviderInfo("acme", null, false));
		given(this.gateway.checkConnection()).willThrow(
				new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, "The billing provider could not be reached"));

		assertThat(this.indicator.health().getDetails()).containsEntry("message",
				"The billing provider could not be reached");
	}

	@Test
	void healthWithinTheTimeToLiveThenTheProviderIsAskedOnce() {
		gatewayAnswers(ProviderStatus.available());

		Health first = this.indicator.health();
		this.clock.advance(TIME_TO_LIVE.minusMillis(1));
		Health second = this.indicator.health();

		assertThat(second).isSameAs(first);
		verify(this.gateway, times(1)).checkConnection();
	}

	@Test
	void healthAfterTheTimeToLiveThenTheProviderIsAskedAgainAndItsNewAnswerShown() {
		gatewayAnswers(ProviderStatus.available());
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		given(this.gateway.checkConnection()).willReturn(new ProviderStatus(State.UNREACHABLE, "gone"));

		this.clock.advance(TIME_TO_LIVE);
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("checkedAt", "2026-08-20T10:00:30Z");
		verify(this.gateway, times(2)).checkConnection();
	}

	@Test
	void healthWithZeroTimeToLiveThenTheProviderIsAskedEveryTime() {
		gatewayAnswers(ProviderStatus.available());
		ProviderHealthIndicator uncached = new ProviderHealthIndicator(this.gateway, Duration.ZERO, this.clock);

		uncached.health();
		uncached.health();

		verify(this.gateway, times(2)).checkConnection();
	}

	@Test
	void healthOfTheSandboxThenUp() {
		Health health = new ProviderHealthIndicator(TestSandbox.create(), TIME_TO_LIVE).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).contains(entry("provider", "sandbox"), entry("mode", "test"));
	}

	@Test
	void createWithNegativeTimeToLiveThenFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProviderHealthIndicator(this.gateway, Duration.ofSeconds(-1)));
	}

}
