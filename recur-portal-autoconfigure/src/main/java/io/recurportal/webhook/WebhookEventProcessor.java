package io.recurportal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventSink;
import io.recurportal.metrics.PortalMetrics;

/**
 * Processes each provider event once, whether it came from Stripe's webhook or from the
 * sandbox: claims its id, applies it, and publishes the application events it makes
 * after the transaction commits.
 * <p>
 * The claim and every write of the processing share one transaction when the stores
 * are JDBC: a failure rolls all of it back, so the provider's retry is processed, and a
 * second instance that receives the same event meanwhile waits for the claim and then
 * skips it. A claim in memory is released by hand on failure.
 */
public final class WebhookEventProcessor implements BillingEventSink {

	private static final Log logger = LogFactory.getLog(WebhookEventProcessor.class);

	private final WebhookEventStore store;

	private final WebhookEventHandler handler;

	private final ApplicationEventPublisher publisher;

	private final ProcessingTransactions transactions;

	private final Clock clock;

	private PortalMetrics metrics = PortalMetrics.none();

	/**
	 * Creates a processor.
	 * @param store the processed event ids
	 * @param handler applies events
	 * @param publisher publishes the application events
	 * @param transactions the stores' transactions, or
	 * {@link ProcessingTransactions#none()} for stores in memory
	 * @param clock the clock claims are stamped with
	 */
	public WebhookEventProcessor(WebhookEventStore store, WebhookEventHandler handler,
			ApplicationEventPublisher publisher, ProcessingTransactions transactions, Clock clock) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(handler, "'handler' must not be null");
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.notNull(transactions, "'transactions' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.store = store;
		this.handler = handler;
		this.publisher = publisher;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Outcome process(BillingEvent event) {
		if (event.type() == null) {
			logger.debug("Ignoring event " + event.id() + " of type " + event.name());
			this.metrics.webhookEvent(event.name(), "ignored", null);
			return Outcome.IGNORED;
		}
		String claimId = UUID.randomUUID().toString();
		List<PortalBillingEvent> events = new ArrayList<>();
		Outcome[] outcome = { Outcome.DUPLICATE };
		try {
			this.transactions.execute(() -> {
				if (this.store.claim(event.id(), event.name(), claimId, this.clock.instant())) {
					events.addAll(this.handler.handle(event));
					outcome[0] = Outcome.PROCESSED;
				}
			}, () -> publish(events));
		}
		catch (RuntimeException ex) {
			// A transactional claim is gone with the rollback; one in memory must be released.
			this.store.release(event.id(), claimId);
			this.metrics.webhookEvent(event.name(), "failed", null);
			throw ex;
		}
		boolean processed = outcome[0] == Outcome.PROCESSED;
		this.metrics.webhookEvent(event.name(), outcome[0].name().toLowerCase(Locale.ROOT),
				processed ? Duration.between(event.created(), this.clock.instant()) : null);
		return outcome[0];
	}

	/**
	 * Sets where events are recorded, as {@link PortalMetrics#WEBHOOK_EVENTS} by type and
	 * result ({@code processed}, {@code duplicate}, {@code ignored}, {@code failed}) and,
	 * for processed ones, {@link PortalMetrics#WEBHOOK_LAG}.
	 * @param metrics the metrics
	 */
	public void setMetrics(PortalMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	// The change is committed: a failing listener must not make the provider send it again.
	private void publish(List<PortalBillingEvent> events) {
		for (PortalBillingEvent event : events) {
			try {
				this.publisher.publishEvent(event);
			}
			catch (RuntimeException ex) {
				logger.error("A listener of " + event.getClass().getSimpleName() + " failed for event "
						+ event.eventId(), ex);
			}
		}
	}

}
