package io.recurportal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventSink;
import io.recurportal.billing.BillingEventType;
import io.recurportal.metrics.PortalMetrics;

/**
 * Records each provider event once, whether it came from Stripe's webhook or from the
 * sandbox, and makes no provider call: in one transaction it claims the event's id (a
 * redelivery is a {@link Outcome#DUPLICATE}) and adds the event to the refresh work of
 * the subscription or customer it names. The {@link RefreshWorker} then reads each such
 * object once, however many events named it within the coalescing window.
 * <p>
 * {@link Outcome#PROCESSED} means recorded: the provider may stop delivering it.
 */
public final class WebhookEventRecorder implements BillingEventSink {

	private static final Log logger = LogFactory.getLog(WebhookEventRecorder.class);

	private final WebhookEventStore store;

	private final RefreshQueue queue;

	private final ProcessingTransactions transactions;

	private final Clock clock;

	private final Duration window;

	private final Duration maxDelay;

	private PortalMetrics metrics = PortalMetrics.none();

	private Runnable onRecorded = () -> {
	};

	/**
	 * Creates a recorder.
	 * @param store the recorded event ids
	 * @param queue the refresh work
	 * @param transactions the stores' transactions, or {@link ProcessingTransactions#none()}
	 * @param clock the clock events are recorded on
	 * @param window how long after an object's last event it is read
	 * @param maxDelay how long after an object's first waiting event it is read at the
	 * latest, however many events keep arriving
	 */
	public WebhookEventRecorder(WebhookEventStore store, RefreshQueue queue, ProcessingTransactions transactions,
			Clock clock, Duration window, Duration maxDelay) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(queue, "'queue' must not be null");
		Assert.notNull(transactions, "'transactions' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.isTrue(!window.isNegative(), "'window' must not be negative");
		Assert.isTrue(maxDelay.compareTo(window) >= 0, "'maxDelay' must not be shorter than 'window'");
		this.store = store;
		this.queue = queue;
		this.transactions = transactions;
		this.clock = clock;
		this.window = window;
		this.maxDelay = maxDelay;
	}

	/**
	 * Sets where events are counted, as {@link PortalMetrics#WEBHOOK_EVENTS} by type and
	 * result ({@code processed}, meaning recorded, {@code duplicate}, {@code ignored},
	 * {@code failed}).
	 * @param metrics the metrics
	 */
	public void setMetrics(PortalMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	/**
	 * Sets what runs once an event's record is committed, such as waking the worker.
	 * @param onRecorded the work; it must not throw
	 */
	public void setOnRecorded(Runnable onRecorded) {
		Assert.notNull(onRecorded, "'onRecorded' must not be null");
		this.onRecorded = onRecorded;
	}

	@Override
	public Outcome process(BillingEvent event) {
		if (event.type() == null) {
			logger.debug("Ignoring event " + event.id() + " of type " + event.name());
			this.metrics.webhookEvent(event.name(), "ignored", null);
			return Outcome.IGNORED;
		}
		String claimId = UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		String key = keyOf(event);
		boolean[] recorded = { false };
		try {
			this.transactions.execute(() -> {
				if (this.store.claim(event.id(), event.name(), claimId, now)) {
					if (key != null) {
						this.queue.add(key, event, now, now.plus(this.window), now.plus(this.maxDelay));
					}
					recorded[0] = true;
				}
			}, () -> {
				if (recorded[0] && key != null) {
					this.onRecorded.run();
				}
			});
		}
		catch (RuntimeException ex) {
			// A transactional claim is gone with the rollback; one in memory must be released.
			this.store.release(event.id(), claimId);
			this.metrics.webhookEvent(event.name(), "failed", null);
			throw ex;
		}
		Outcome outcome = recorded[0] ? Outcome.PROCESSED : Outcome.DUPLICATE;
		this.metrics.webhookEvent(event.name(), recorded[0] ? "processed" : "duplicate", null);
		return outcome;
	}

	/**
	 * The object an event makes the portal read again.
	 * @param event the event
	 * @return the work's key, or {@code null} when the event names nothing to read
	 */
	static @Nullable String keyOf(BillingEvent event) {
		BillingEventType type = event.type();
		if (type == null) {
			return null;
		}
		boolean subscriptionEvent = switch (type) {
			case SUBSCRIPTION_CREATED, SUBSCRIPTION_UPDATED, SUBSCRIPTION_DELETED, SUBSCRIPTION_PAUSED,
					SUBSCRIPTION_RESUMED ->
				true;
			default -> false;
		};
		if (event.subscriptionId() != null) {
			return RefreshWork.SUBSCRIPTION + event.subscriptionId();
		}
		if (subscriptionEvent || event.customerId() == null) {
			return null;
		}
		return RefreshWork.CUSTOMER + event.customerId();
	}

}
