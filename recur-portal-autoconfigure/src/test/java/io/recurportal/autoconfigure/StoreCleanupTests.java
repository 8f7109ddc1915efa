package io.recurportal.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.recurportal.session.InMemoryPortalSessionStore;
import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessionStore;
import io.recurportal.webhook.InMemoryWebhookEventStore;
import io.recurportal.webhook.WebhookEventStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

class StoreCleanupTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void cleanUpThenExpiredSessionsAndOldEventsDeleted() {
		PortalSessionStore sessions = new InMemoryPortalSessionStore();
		sessions.create(new PortalSession("portal_sess_old", "cus_1", null, "full", null, null, true,
				NOW.minusSeconds(7200), NOW.minusSeconds(3600), null, null), "hash_old");
		sessions.create(new PortalSession("portal_sess_new", "cus_1", null, "full", null, null, true, NOW,
				NOW.plusSeconds(3600), null, null), "hash_new");
		WebhookEventStore events = new InMemoryWebhookEventStore(10);
		events.claim("evt_old", "invoice.paid", "c1", NOW.minus(Duration.ofDays(31)));
		events.claim("evt_new", "invoice.paid", "c2", NOW.minus(Duration.ofDays(29)));
		new StoreCleanup(sessions, events, Duration.ofMinutes(10), Duration.ofDays(30), this.clock).cleanUp();
		assertThat(sessions.findById("portal_sess_old")).isEmpty();
		assertThat(sessions.findById("portal_sess_new")).isPresent();
		assertThat(events.isProcessed("evt_old")).isFalse();
		assertThat(events.isProcessed("evt_new")).isTrue();
	}

	@Test
	void cleanUpWhenStoreFailsThenNoException() {
		PortalSessionStore sessions = mock(PortalSessionStore.class);
		given(sessions.deleteExpired(any())).willThrow(new IllegalStateException("database away"));
		StoreCleanup cleanup = new StoreCleanup(sessions, null, Duration.ofMinutes(10), Duration.ofDays(30),
				this.clock);
		assertThatNoException().isThrownBy(cleanup::cleanUp);
	}

	@Test
	void startThenRunsOnScheduleUntilStopped() throws InterruptedException {
		PortalSessionStore sessions = mock(PortalSessionStore.class);
		CountDownLatch runs = new CountDownLatch(3);
		willAnswer((invocation) -> {
			runs.countDown();
			return 0;
		}).given(sessions).deleteExpired(any());
		StoreCleanup cleanup = new StoreCleanup(sessions, null, Duration.ofMillis(10), Duration.ofDays(30),
				this.clock);
		cleanup.start();
		try {
			assertThat(cleanup.isRunning()).isTrue();
			assertThat(runs.await(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			cleanup.stop();
		}
		assertThat(cleanup.isRunning()).isFalse();
	}

	@Test
	void createWhenIntervalNotPositiveThenFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StoreCleanup(null, null, Duration.ZERO, Duration.ofDays(30), this.clock));
	}

}
