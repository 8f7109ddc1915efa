package io.recurportal.webhook;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionMirror;

/**
 * Applies one provider event to the subscription mirror and says which application
 * events it makes.
 * <p>
 * An event only names what changed: the state is read again from the provider, so an
 * event's own copy, which may be stale or lack the price's product, is never stored.
 * That costs one or two provider calls per event (the subscription, and the customer
 * when the event does not name the account). The event's creation time orders the
 * writes, so an older event processed after a newer one leaves the mirror as it is.
 * <ul>
 * <li>Subscription events and invoice events store the subscription they concern.</li>
 * <li>Every handled event of an account forgets its snapshots (customer, invoices).</li>
 * <li>Customer updates, payment methods attached or detached, and a checkout that
 * made no subscription reconcile the account's subscriptions with the provider: the
 * customer may just have been linked to the account, or its default card changed.</li>
 * </ul>
 * Events of customers that belong to no host account change nothing.
 */
public final class WebhookEventHandler {

	private static final Log logger = LogFactory.getLog(WebhookEventHandler.class);

	private static final Set<BillingEventType> SUBSCRIPTION_EVENTS = EnumSet.of(BillingEventType.SUBSCRIPTION_CREATED,
			BillingEventType.SUBSCRIPTION_UPDATED, BillingEventType.SUBSCRIPTION_DELETED,
			BillingEventType.SUBSCRIPTION_PAUSED, BillingEventType.SUBSCRIPTION_RESUMED);

	private static final Set<BillingEventType> INVOICE_EVENTS = EnumSet.of(BillingEventType.INVOICE_PAID,
			BillingEventType.INVOICE_PAYMENT_FAILED, BillingEventType.INVOICE_FINALIZED);

	private static final Set<BillingEventType> ACCOUNT_EVENTS = EnumSet.of(BillingEventType.CUSTOMER_UPDATED,
			BillingEventType.PAYMENT_METHOD_ATTACHED, BillingEventType.PAYMENT_METHOD_DETACHED,
			BillingEventType.CHECKOUT_COMPLETED);

	private final BillingGateway gateway;

	private final SubscriptionMirror mirror;

	private final AccountSubscriptions subscriptions;

	private final AccountSnapshots snapshots;

	/**
	 * Creates a handler.
	 * @param gateway the provider, read for the current state
	 * @param mirror the mirror to update
	 * @param subscriptions reconciles an account's mirror with the provider
	 * @param snapshots forgotten for an account an event changes
	 */
	public WebhookEventHandler(BillingGateway gateway, SubscriptionMirror mirror, AccountSubscriptions subscriptions,
			AccountSnapshots snapshots) {
		Assert.notNull(gateway, "'gateway' must not be null");
		Assert.notNull(mirror, "'mirror' must not be null");
		Assert.notNull(subscriptions, "'subscriptions' must not be null");
		Assert.notNull(snapshots, "'snapshots' must not be null");
		this.gateway = gateway;
		this.mirror = mirror;
		this.subscriptions = subscriptions;
		this.snapshots = snapshots;
	}

	/**
	 * Applies an event.
	 * @param event the event, of a handled type
	 * @return the application events to publish once the change is committed
	 * @throws io.recurportal.error.PortalException when the provider cannot be read
	 */
	public List<PortalBillingEvent> handle(BillingEvent event) {
		if (SUBSCRIPTION_EVENTS.contains(event.type())) {
			return (event.subscriptionId() != null) ? storeSubscription(event, event.subscriptionId(), true)
					: List.of();
		}
		if (INVOICE_EVENTS.contains(event.type())) {
			return handleInvoice(event);
		}
		if (event.type() == BillingEventType.CHECKOUT_COMPLETED && event.subscriptionId() != null) {
			return storeSubscription(event, event.subscriptionId(), false);
		}
		if (ACCOUNT_EVENTS.contains(event.type())) {
			reconcile(event);
		}
		return List.of();
	}

	private List<PortalBillingEvent> handleInvoice(BillingEvent event) {
		List<PortalBillingEvent> events = new ArrayList<>();
		if (event.subscriptionId() != null) {
			events.addAll(storeSubscription(event, event.subscriptionId(), false));
		}
		String customerId = event.customerId();
		String invoiceId = event.invoiceId();
		boolean payment = (event.type() == BillingEventType.INVOICE_PAID
				|| event.type() == BillingEventType.INVOICE_PAYMENT_FAILED) && invoiceId != null;
		// Storing the subscription above already forgot its account's snapshots.
		boolean withoutSubscription = event.subscriptionId() == null;
		if (customerId == null || !(payment || withoutSubscription)) {
			return events;
		}
		String accountId = accountOf(event, customerId);
		if (accountId == null) {
			return events;
		}
		if (withoutSubscription) {
			this.snapshots.forget(accountId);
		}
		if (!payment) {
			return events;
		}
		events.add(event.type() == BillingEventType.INVOICE_PAID
				? new PaymentSucceededEvent(event.id(), accountId, customerId, invoiceId, event.subscriptionId())
				: new PaymentFailedEvent(event.id(), accountId, customerId, invoiceId, event.subscriptionId()));
		return events;
	}

	/**
	 * Stores the provider's current state of a subscription, ordered by the event's time.
	 * @param announce whether to publish the event's own kind (created, updated,
	 * canceled), besides changes into and out of on hold
	 */
	private List<PortalBillingEvent> storeSubscription(BillingEvent event, String subscriptionId, boolean announce) {
		Optional<Subscription> found = this.gateway.findSubscription(subscriptionId);
		if (found.isEmpty()) {
			logger.debug("Event " + event.id() + " names subscription " + subscriptionId + ", which the provider "
					+ "no longer has");
			return List.of();
		}
		Subscription subscription = found.get();
		String accountId = accountOf(event, subscription.customerId());
		if (accountId == null) {
			return List.of();
		}
		// A subscription's change may bring an invoice or change the credit balance.
		this.snapshots.forget(accountId);
		Optional<Subscription> before = this.mirror.find(accountId, subscriptionId);
		boolean stored = this.mirror.saveIfNewer(accountId, subscription, event.created());
		List<PortalBillingEvent> events = new ArrayList<>();
		if (announce) {
			events.add(announcement(event, accountId, subscription));
		}
		if (stored && before.isPresent()) {
			if (!before.get().isOnHold() && subscription.isOnHold()) {
				events.add(new SubscriptionOnHoldEvent(event.id(), accountId, subscription));
			}
			if (isInterrupted(before.get()) && !isInterrupted(subscription) && subscription.status().isEntitled()) {
				events.add(new SubscriptionReactivatedEvent(event.id(), accountId, subscription));
			}
		}
		return events;
	}

	private static PortalBillingEvent announcement(BillingEvent event, String accountId, Subscription subscription) {
		if (event.type() == BillingEventType.SUBSCRIPTION_CREATED) {
			return new SubscriptionCreatedEvent(event.id(), accountId, subscription);
		}
		if (event.type() == BillingEventType.SUBSCRIPTION_DELETED) {
			return new SubscriptionCanceledEvent(event.id(), accountId, subscription);
		}
		return new SubscriptionUpdatedEvent(event.id(), accountId, subscription);
	}

	// On hold, paused, or ending at period end: what reactivating undoes.
	private static boolean isInterrupted(Subscription subscription) {
		return subscription.isOnHold() || subscription.status() == SubscriptionStatus.PAUSED
				|| subscription.cancelAtPeriodEnd();
	}

	private void reconcile(BillingEvent event) {
		if (event.customerId() == null) {
			return;
		}
		String accountId = accountOf(event, event.customerId());
		if (accountId != null) {
			this.subscriptions.sync(accountId, false);
		}
	}

	private @Nullable String accountOf(BillingEvent event, String customerId) {
		if (event.accountId() != null) {
			return event.accountId();
		}
		String accountId = this.gateway.findCustomer(customerId).map(Customer::externalId).orElse(null);
		if (accountId == null) {
			logger.debug("Event " + event.id() + " concerns customer " + customerId + ", of no host account");
		}
		return accountId;
	}

}
