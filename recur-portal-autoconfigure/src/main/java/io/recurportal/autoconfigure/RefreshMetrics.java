package io.recurportal.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import io.recurportal.billing.budget.ProviderCallBudget;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.webhook.RefreshQueue;

/**
 * Registers the gauges of the refresh work once every bean exists: the backlog, the age
 * of its oldest event, and the provider budget's use and limit.
 */
final class RefreshMetrics implements SmartInitializingSingleton {

	/** Objects waiting to be read again. */
	static final String BACKLOG = "recur.portal.webhook.backlog";

	/** Age of the oldest event waiting, in seconds. */
	static final String BACKLOG_OLDEST = "recur.portal.webhook.backlog.oldest";

	/** Provider calls background work took in the current second. */
	static final String BUDGET_USED = "recur.portal.provider.budget.used";

	/** Provider calls background work may take per second. */
	static final String BUDGET_LIMIT = "recur.portal.provider.budget.limit";

	private final ObjectProvider<PortalMetrics> metrics;

	private final ObjectProvider<RefreshQueue> queue;

	private final ObjectProvider<ProviderCallBudget> budget;

	RefreshMetrics(ObjectProvider<PortalMetrics> metrics, ObjectProvider<RefreshQueue> queue,
			ObjectProvider<ProviderCallBudget> budget) {
		this.metrics = metrics;
		this.queue = queue;
		this.budget = budget;
	}

	@Override
	public void afterSingletonsInstantiated() {
		PortalMetrics metrics = this.metrics.getIfUnique();
		RefreshQueue queue = this.queue.getIfUnique();
		ProviderCallBudget budget = this.budget.getIfUnique();
		if (metrics == null) {
			return;
		}
		if (queue != null) {
			metrics.gauge(BACKLOG, "Objects waiting to be read again after provider events", "objects",
					() -> queue.backlog().size());
			metrics.gauge(BACKLOG_OLDEST, "Age of the oldest provider event waiting for its read", "seconds",
					() -> queue.backlog()
						.oldest()
						.map((oldest) -> Math.max(0, Duration.between(oldest, Clock.systemUTC().instant()).toMillis())
								/ 1000.0)
						.orElse(0.0));
		}
		if (budget != null) {
			metrics.gauge(BUDGET_USED, "Provider calls background work took this second", "calls", budget::used);
			metrics.gauge(BUDGET_LIMIT, "Provider calls background work may take per second", "calls",
					budget::limit);
		}
	}

}
