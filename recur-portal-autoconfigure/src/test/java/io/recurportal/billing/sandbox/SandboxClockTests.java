package io.recurportal.billing.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The movable clock.
 */
class SandboxClockTests {

	private static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");

	@Test
	void fixedThenStandsStillUntilAdvanced() {
		SandboxClock clock = SandboxClock.fixed(NOW);
		assertThat(clock.instant()).isEqualTo(NOW);
		assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
		assertThat(clock.advance(Duration.ofDays(2))).isEqualTo(NOW.plus(Duration.ofDays(2)));
		clock.advance(Duration.ofHours(3));
		assertThat(clock.instant()).isEqualTo(NOW.plus(Duration.ofDays(2)).plus(Duration.ofHours(3)));
		assertThat(clock.offset()).isEqualTo(Duration.ofHours(51));
	}

	@Test
	void advanceWhenNegativeThenRejected() {
		SandboxClock clock = SandboxClock.fixed(NOW);
		assertThatIllegalArgumentException().isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)));
		assertThat(clock.instant()).isEqualTo(NOW);
	}

	@Test
	void systemThenFollowsSystemClockPlusOffset() {
		SandboxClock clock = SandboxClock.system();
		Instant before = Instant.now();
		clock.advance(Duration.ofDays(365));
		Instant shown = clock.instant();
		assertThat(shown).isAfterOrEqualTo(before.plus(Duration.ofDays(365)));
		assertThat(shown).isBeforeOrEqualTo(Instant.now().plus(Duration.ofDays(365)));
	}

	@Test
	void withZoneThenViewMovesWithTheClock() {
		SandboxClock clock = SandboxClock.fixed(NOW);
		Clock tokyo = clock.withZone(ZoneId.of("Asia/Tokyo"));
		assertThat(tokyo.getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
		clock.advance(Duration.ofMinutes(5));
		assertThat(tokyo.instant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
		assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
		assertThat(tokyo.withZone(ZoneOffset.UTC)).isSameAs(clock);
	}

	@Test
	void advanceFromManyThreadsThenNoMoveIsLost() throws InterruptedException {
		SandboxClock clock = SandboxClock.fixed(NOW);
		Thread[] threads = new Thread[8];
		for (int i = 0; i < threads.length; i++) {
			threads[i] = new Thread(() -> {
				for (int j = 0; j < 1000; j++) {
					clock.advance(Duration.ofSeconds(1));
				}
			});
			threads[i].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(clock.instant()).isEqualTo(NOW.plusSeconds(8000));
	}

}
