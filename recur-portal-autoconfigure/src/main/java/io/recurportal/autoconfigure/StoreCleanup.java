package io.recurportal.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

import io.recurportal.session.PortalSessionStore;
import io.recurportal.webhook.WebhookEventStore;

/**
 * Deletes expired portal sessions and old webhook event ids on a schedule, on one
 * daemon thread that starts and stops with the application context. Every instance
 * runs it: the deletes are plain {@code DELETE ... WHERE ... < ?}, so instances running
 * them at once only find fewer rows.
 */
final class StoreCleanup implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StoreCleanup.class);

	private final @Nullable PortalSessionStore sessions;

	private final @Nullable WebhookEventStore webhookEvents;

	private final Duration interval;

	private final Duration webhookEventRetention;

	private final Clock clock;

	private @Nullable ScheduledExecutorService executor;

	StoreCleanup(@Nullable PortalSessionStore sessions, @Nullable WebhookEventStore webhookEvents, Duration interval,
			Duration webhookEventRetention, Clock clock) {
		Assert.isTrue(interval.toMillis() > 0, "The cleanup interval must be positive");
		Assert.isTrue(!webhookEventRetention.isNegative(), "The webhook event retention must not be negative");
		this.sessions = sessions;
		this.webhookEvents = webhookEvents;
		this.interval = interval;
		this.webhookEventRetention = webhookEventRetention;
		this.clock = clock;
	}

	/**
	 * Deletes what has expired, now.
	 */
	void cleanUp() {
		try {
			int sessions = (this.sessions != null) ? this.sessions.deleteExpired(this.clock.instant()) : 0;
			int events = (this.webhookEvents != null)
					? this.webhookEvents.deleteReceivedBefore(this.clock.instant().minus(this.webhookEventRetention))
					: 0;
			if (logger.isDebugEnabled()) {
				logger.debug("Deleted " + sessions + " expired portal sessions and " + events + " old webhook events");
			}
		}
		catch (RuntimeException ex) {
			// The next run tries again: a database that is briefly away must not end the schedule.
			logger.warn("Could not delete expired portal sessions and webhook events", ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "recur-portal-cleanup");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::cleanUp, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
