package io.recurportal.login;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryLoginRateLimiterTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final InMemoryLoginRateLimiter limiter = new InMemoryLoginRateLimiter();

	@Test
	void allowsTheLimitPerWindowThenRefuses() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.limiter.tryAcquire("email:a", 3, HOUR, START.plusSeconds(i))).isTrue();
		}
		assertThat(this.limiter.tryAcquire("email:a", 3, HOUR, START.plusSeconds(10))).isFalse();
		assertThat(this.limiter.tryAcquire("email:b", 3, HOUR, START.plusSeconds(10))).as("other keys").isTrue();
	}

	@Test
	void newWindowStartsWhenTheOldOneEnds() {
		assertThat(this.limiter.tryAcquire("k", 1, HOUR, START)).isTrue();
		assertThat(this.limiter.tryAcquire("k", 1, HOUR, START.plus(HOUR).minusSeconds(1))).isFalse();
		assertThat(this.limiter.tryAcquire("k", 1, HOUR, START.plus(HOUR))).isTrue();
		assertThat(this.limiter.tryAcquire("k", 1, HOUR, START.plus(HOUR).plusSeconds(1))).isFalse();
	}

	@Test
	void zeroLimitAllowsNothing() {
		assertThat(this.limiter.tryAcquire("k", 0, HOUR, START)).isFalse();
	}

	@Test
	void concurrentRequestsNeverExceedTheLimit() throws Exception {
		int threads = 32;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return this.limiter.tryAcquire("email:race", 5, HOUR, START);
				}));
			}
			int allowed = 0;
			for (Future<Boolean> result : results) {
				allowed += result.get() ? 1 : 0;
			}
			assertThat(allowed).isEqualTo(5);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
