package io.recurportal.health;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;
import io.recurportal.testsupport.MutableClock;
import io.recurportal.webhook.InMemoryRefreshQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class WebhookBacklogHealthIndicatorTests {

	private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final InMemoryRefreshQueue queue = new InMemoryRefreshQueue();

	private final WebhookBacklogHealthIndicator indicator = new WebhookBacklogHealthIndicator(this.queue,
			Duration.ofMinutes(10), this.clock);

	@Test
	void upWithTheBacklogUntilItsOldestEventIsOlderThanTheThreshold() {
		assertThat(this.indicator.health().getDetails()).contains(entry("backlog", 0L),
				entry("oldestAge", Duration.ZERO));
		this.queue.add("subscription:sub_1", new BillingEvent("evt_1", BillingEventType.SUBSCRIPTION_UPDATED, T0,
				"cus_1", "sub_1", null, null), T0, T0.plusSeconds(5), T0.plusSeconds(60));
		this.clock.advance(Duration.ofMinutes(10));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).contains(entry("backlog", 1L), entry("oldestAge", Duration.ofMinutes(10)));
		this.clock.advance(Duration.ofSeconds(1));
		health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("threshold", Duration.ofMinutes(10));
	}

}
