package io.recurportal.login;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every login rate limiter: in memory, on H2 and on PostgreSQL. Two
 * instances sharing the table: {@link JdbcLoginRateLimiterSharedTableTests}.
 */
class LoginRateLimiterContractTests extends StoreContractTests<LoginRateLimiter> {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration HOUR = Duration.ofHours(1);

	LoginRateLimiterContractTests() {
		super(InMemoryLoginRateLimiter::new, JdbcLoginRateLimiter::new);
	}

	@Test
	void tryAcquireWhenUnderTheLimitThenAllowedUntilItIsReached() {
		LoginRateLimiter limiter = createStore();
		for (int i = 0; i < 5; i++) {
			assertThat(limiter.tryAcquire("address:127.0.0.1", 5, HOUR, T0.plusSeconds(i))).isTrue();
		}
		assertThat(limiter.tryAcquire("address:127.0.0.1", 5, HOUR, T0.plusSeconds(10))).isFalse();
	}

	@Test
	void tryAcquireWhenLimitReachedThenOtherKeysAreUnaffected() {
		LoginRateLimiter limiter = createStore();
		assertThat(limiter.tryAcquire("email:a@example.com", 1, HOUR, T0)).isTrue();
		assertThat(limiter.tryAcquire("email:a@example.com", 1, HOUR, T0)).isFalse();
		assertThat(limiter.tryAcquire("email:b@example.com", 1, HOUR, T0)).isTrue();
	}

	@Test
	void tryAcquireWhenWindowHasPassedThenAllowedAgain() {
		LoginRateLimiter limiter = createStore();
		assertThat(limiter.tryAcquire("email:a@example.com", 2, HOUR, T0)).isTrue();
		assertThat(limiter.tryAcquire("email:a@example.com", 2, HOUR, T0.plusSeconds(60))).isTrue();
		assertThat(limiter.tryAcquire("email:a@example.com", 2, HOUR, T0.plusSeconds(120))).isFalse();
		assertThat(limiter.tryAcquire("email:a@example.com", 2, HOUR, T0.plus(HOUR).plusSeconds(121))).isTrue();
	}

}
