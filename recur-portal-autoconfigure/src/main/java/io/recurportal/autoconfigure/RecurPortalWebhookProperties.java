package io.recurportal.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the portal's provider webhooks.
 */
@ConfigurationProperties("recur.portal.webhook")
public class RecurPortalWebhookProperties {

	/**
	 * Whether provider events are processed: Stripe's webhook endpoint, and the sandbox's
	 * events when the sandbox is the provider.
	 */
	private boolean enabled = true;

	/**
	 * Path of Stripe's webhook endpoint. It takes no JWT and no CSRF token: the
	 * signature authenticates each request.
	 */
	private String path = "/webhooks/stripe";

	/**
	 * Signing secrets of the Stripe webhook endpoint ('whsec_...'). A signature made with
	 * any of them is accepted, so a secret can be rolled without losing events. While
	 * none is set, the endpoint answers 503 and Stripe keeps retrying.
	 */
	private List<String> secrets = new ArrayList<>();

	/**
	 * How far from now a signature's timestamp may be, into the past or the future.
	 */
	private Duration tolerance = Duration.ofMinutes(5);

	/**
	 * The work events leave behind the webhook request: re-reading what they name from
	 * the provider.
	 */
	private final Work work = new Work();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public List<String> getSecrets() {
		return this.secrets;
	}

	public void setSecrets(List<String> secrets) {
		this.secrets = secrets;
	}

	public Duration getTolerance() {
		return this.tolerance;
	}

	public void setTolerance(Duration tolerance) {
		this.tolerance = tolerance;
	}

	public Work getWork() {
		return this.work;
	}

	/**
	 * How recorded events are turned into reads of the provider. A webhook request only
	 * records its event; a worker on each instance reads each named subscription or
	 * customer once per burst of events, within a provider-call budget all instances
	 * share.
	 */
	public static class Work {

		/**
		 * How long after an object's last event it is read: events arriving within this
		 * window cost one read together. Zero reads as soon as a worker is free.
		 */
		private Duration coalescingWindow = Duration.ofSeconds(5);

		/**
		 * The longest an object's read is pushed back by a stream of events, counted
		 * from the first event waiting for it.
		 */
		private Duration maxDelay = Duration.ofMinutes(1);

		/**
		 * Provider calls per second background refreshes may make, across all instances
		 * on one database. Keep it well under the provider's rate limit (Stripe: about
		 * 100 per second live, 25 in test mode): the rest is for customers' own actions,
		 * which never wait for this budget.
		 */
		private int providerCallsPerSecond = 20;

		/**
		 * How often an idle worker looks for due work.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * How many objects a worker claims at once.
		 */
		private int batchSize = 20;

		/**
		 * How many objects one instance reads from the provider at once, within the
		 * provider-call budget.
		 */
		private int concurrency = 8;

		/**
		 * How long claimed work stays the claiming instance's; after that, for example
		 * when it crashed, any instance claims it again.
		 */
		private Duration lease = Duration.ofMinutes(1);

		/**
		 * The wait before a failed read is tried again, doubled with each failure.
		 */
		private Duration retryBackoff = Duration.ofSeconds(5);

		/**
		 * The longest wait between tries of a failing read.
		 */
		private Duration maxRetryBackoff = Duration.ofMinutes(10);

		/**
		 * Whether the worker starts with the application. Without it, work waits until
		 * another instance's worker does it.
		 */
		private boolean autoStartup = true;

		/**
		 * How old the oldest waiting event may get before the webhooks health indicator
		 * reports DOWN.
		 */
		private Duration healthThreshold = Duration.ofMinutes(10);

		public Duration getCoalescingWindow() {
			return this.coalescingWindow;
		}

		public void setCoalescingWindow(Duration coalescingWindow) {
			requireNotNegative(coalescingWindow, "must not be negative");
			this.coalescingWindow = coalescingWindow;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			requireNotNegative(maxDelay, "must not be negative");
			this.maxDelay = maxDelay;
		}

		public int getProviderCallsPerSecond() {
			return this.providerCallsPerSecond;
		}

		public void setProviderCallsPerSecond(int providerCallsPerSecond) {
			if (providerCallsPerSecond < 1) {
				throw new IllegalArgumentException("must be at least 1");
			}
			this.providerCallsPerSecond = providerCallsPerSecond;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			requirePositive(pollInterval);
			this.pollInterval = pollInterval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			if (batchSize < 1) {
				throw new IllegalArgumentException("must be at least 1");
			}
			this.batchSize = batchSize;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			if (concurrency < 1) {
				throw new IllegalArgumentException("must be at least 1");
			}
			this.concurrency = concurrency;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			requirePositive(lease);
			this.lease = lease;
		}

		public Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(Duration retryBackoff) {
			requirePositive(retryBackoff);
			this.retryBackoff = retryBackoff;
		}

		public Duration getMaxRetryBackoff() {
			return this.maxRetryBackoff;
		}

		public void setMaxRetryBackoff(Duration maxRetryBackoff) {
			requirePositive(maxRetryBackoff);
			this.maxRetryBackoff = maxRetryBackoff;
		}

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public Duration getHealthThreshold() {
			return this.healthThreshold;
		}

		public void setHealthThreshold(Duration healthThreshold) {
			requirePositive(healthThreshold);
			this.healthThreshold = healthThreshold;
		}

		// Thrown while binding: start-up fails with the property named.
		private static void requirePositive(Duration duration) {
			if (duration == null || (duration.isNegative() || duration.isZero())) {
				throw new IllegalArgumentException("must be positive");
			}
		}

		private static void requireNotNegative(Duration duration, String message) {
			if (duration == null || duration.isNegative()) {
				throw new IllegalArgumentException(message);
			}
		}

	}

}
