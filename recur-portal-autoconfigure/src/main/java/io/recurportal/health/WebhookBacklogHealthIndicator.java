package io.recurportal.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import io.recurportal.webhook.RefreshQueue;

/**
 * The health of the work provider events leave: UP with the backlog ({@code backlog},
 * objects waiting to be read again, and {@code oldestAge}) while its oldest event is
 * younger than a threshold; DOWN once older, with {@code threshold}: the mirror lags
 * the provider, because the provider fails, the budget is too small for the load, or no
 * instance runs a worker.
 * <p>
 * Like the provider's indicator, keep it out of liveness and readiness (restarting does
 * not drain a backlog faster); alert on it.
 */
public final class WebhookBacklogHealthIndicator extends AbstractHealthIndicator {

	private final RefreshQueue queue;

	private final Duration threshold;

	private final Clock clock;

	/**
	 * Creates an indicator.
	 * @param queue the work
	 * @param threshold how old the oldest waiting event may be
	 * @param clock the clock ages are measured on
	 */
	public WebhookBacklogHealthIndicator(RefreshQueue queue, Duration threshold, Clock clock) {
		super("The webhook backlog could not be checked");
		Assert.notNull(queue, "'queue' must not be null");
		Assert.notNull(threshold, "'threshold' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.queue = queue;
		this.threshold = threshold;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		RefreshQueue.Backlog backlog = this.queue.backlog();
		Instant now = this.clock.instant();
		Duration age = backlog.oldest().map((oldest) -> Duration.between(oldest, now)).orElse(Duration.ZERO);
		builder.withDetail("backlog", backlog.size()).withDetail("oldestAge", age.isNegative() ? Duration.ZERO : age);
		if (age.compareTo(this.threshold) > 0) {
			builder.down().withDetail("threshold", this.threshold);
		}
		else {
			builder.up();
		}
	}

}
