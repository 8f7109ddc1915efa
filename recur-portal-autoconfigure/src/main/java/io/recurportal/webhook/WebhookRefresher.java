package io.recurportal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Subscription;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionMirror;

/**
 * Does one claimed piece of refresh work: reads the object once from the provider,
 * stores it, forgets the account's snapshots, completes the work and publishes the
 * application events it makes, once committed.
 * <ul>
 * <li>A subscription is read and stored in the mirror, newest wins by the newest
 * event's creation time, so an older read never overwrites a newer one.</li>
 * <li>A customer's work (its account changed, a card was saved, a checkout made no
 * subscription, an invoice billed no subscription) reconciles the account's
 * subscriptions with the provider.</li>
 * </ul>
 * The account is the one the events name, or else the customer's, read from the
 * provider. Objects of no host account change nothing. Provider reads happen before the
 * transaction: no database lock is held while the provider answers.
 */
public final class WebhookRefresher {

	private static final Log logger = LogFactory.getLog(WebhookRefresher.class);

	private final BillingGateway gateway;

	private final SubscriptionMirror mirror;

	private final AccountSubscriptions subscriptions;

	private final AccountSnapshots snapshots;

	private final RefreshQueue queue;

	private final ApplicationEventPublisher publisher;

	private final ProcessingTransactions transactions;

	private final Clock clock;

	private PortalMetrics metrics = PortalMetrics.none();

	/**
	 * Creates a refresher.
	 * @param gateway the provider
	 * @param mirror the mirror to update
	 * @param subscriptions reconciles an account with the provider
	 * @param snapshots forgotten for an account that changed
	 * @param queue the work, completed in the transaction that stores the read
	 * @param publisher publishes the application events
	 * @param transactions the stores' transactions, or {@link ProcessingTransactions#none()}
	 * @param clock the clock lag is measured on
	 */
	public WebhookRefresher(BillingGateway gateway, SubscriptionMirror mirror, AccountSubscriptions subscriptions,
			AccountSnapshots snapshots, RefreshQueue queue, ApplicationEventPublisher publisher,
			ProcessingTransactions transactions, Clock clock) {
		Assert.notNull(gateway, "'gateway' must not be null");
		Assert.notNull(mirror, "'mirror' must not be null");
		Assert.notNull(subscriptions, "'subscriptions' must not be null");
		Assert.notNull(snapshots, "'snapshots' must not be null");
		Assert.notNull(queue, "'queue' must not be null");
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.notNull(transactions, "'transactions' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.gateway = gateway;
		this.mirror = mirror;
		this.subscriptions = subscriptions;
		this.snapshots = snapshots;
		this.queue = queue;
		this.publisher = publisher;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Sets where the lag from an event's creation to its refresh is recorded, as
	 * {@link PortalMetrics#WEBHOOK_LAG}.
	 * @param metrics the metrics
	 */
	public void setMetrics(PortalMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	/**
	 * How many provider calls a piece of work takes at most: the object, and the
	 * customer when no event names the account; a customer's reconciliation lists its
	 * subscriptions too.
	 * @param work the work
	 * @return the calls
	 */
	public int calls(RefreshWork work) {
		return (work.isSubscription() && accountIdOf(work.events()) != null) ? 1 : 2;
	}

	/**
	 * Does a piece of work.
	 * @param work the claimed work
	 * @return {@code false} when the claim was lost meanwhile, and nothing was kept
	 * @throws RuntimeException when the provider could not be read; nothing was kept
	 */
	public boolean refresh(RefreshWork work) {
		List<PortalBillingEvent> events = new ArrayList<>();
		boolean[] completed = { false };
		Runnable store = work.isSubscription() ? refreshSubscription(work, events) : refreshCustomer(work, events);
		try {
			this.transactions.execute(() -> {
				store.run();
				if (!this.queue.complete(work)) {
					throw new LostClaimException();
				}
				completed[0] = true;
			}, () -> publish(events));
		}
		catch (LostClaimException ex) {
			logger.debug("The claim of " + work.key() + " ended before its refresh was stored; another worker has it");
			return false;
		}
		for (BillingEvent event : work.events()) {
			this.metrics.webhookLag(event.name(), Duration.between(event.created(), this.clock.instant()));
		}
		return completed[0];
	}

	private Runnable refreshSubscription(RefreshWork work, List<PortalBillingEvent> events) {
		String subscriptionId = work.objectId();
		Optional<Subscription> found = this.gateway.findSubscription(subscriptionId);
		if (found.isEmpty()) {
			logger.debug("Subscription " + subscriptionId + " is no longer at the provider");
			return () -> {
			};
		}
		Subscription subscription = found.get();
		String accountId = accountOf(work.events(), subscription.customerId());
		if (accountId == null) {
			return () -> {
			};
		}
		BillingEvent newest = PortalBillingEventDerivation
			.newest(work.events(), EnumSet.allOf(BillingEventType.class))
			.orElseThrow();
		return () -> {
			// A subscription's change may bring an invoice or change the credit balance.
			this.snapshots.forget(accountId);
			Optional<Subscription> before = this.mirror.find(accountId, subscriptionId);
			boolean stored = this.mirror.saveIfNewer(accountId, subscription, newest.created());
			events.addAll(
					PortalBillingEventDerivation.subscription(work.events(), accountId, before, subscription, stored));
			events.addAll(PortalBillingEventDerivation.facts(work.events(), accountId, subscription.customerId()));
		};
	}

	private Runnable refreshCustomer(RefreshWork work, List<PortalBillingEvent> events) {
		String customerId = work.objectId();
		String accountId = accountOf(work.events(), customerId);
		if (accountId == null) {
			return () -> {
			};
		}
		return () -> {
			this.snapshots.forget(accountId);
			this.subscriptions.sync(accountId, false);
			events.addAll(PortalBillingEventDerivation.facts(work.events(), accountId, customerId));
		};
	}

	private @Nullable String accountOf(List<BillingEvent> events, String customerId) {
		String accountId = accountIdOf(events);
		if (accountId != null) {
			return accountId;
		}
		accountId = this.gateway.findCustomer(customerId).map(Customer::externalId).orElse(null);
		if (accountId == null) {
			logger.debug("Customer " + customerId + " belongs to no host account");
		}
		return accountId;
	}

	private static @Nullable String accountIdOf(List<BillingEvent> events) {
		for (int i = events.size() - 1; i >= 0; i--) {
			if (events.get(i).accountId() != null) {
				return events.get(i).accountId();
			}
		}
		return null;
	}

	// The change is committed: a failing listener must not undo it or make it run again.
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

	private static final class LostClaimException extends RuntimeException {

		LostClaimException() {
			super(null, null, false, false);
		}

	}

}
