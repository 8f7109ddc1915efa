package io.recurportal.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

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
 * <li>{@code customer.updated}, {@code payment_method.*} and a checkout session that
 * made no subscription reconcile the account's subscriptions with the provider: the
 * customer may just have been linked to the account, or its default card changed.</li>
 * </ul>
 * Events of customers that belong to no host account change nothing.
 */
public final class WebhookEventHandler {

	private static final Log logger = LogFactory.getLog(WebhookEventHandler.class);

	private static final Set<String> SUBSCRIPTION_EVENTS = Set.of(WebhookEvent.SUBSCRIPTION_CREATED,
			WebhookEvent.SUBSCRIPTION_UPDATED, WebhookEvent.SUBSCRIPTION_DELETED, WebhookEvent.SUBSCRIPTION_PAUSED,
			WebhookEvent.SUBSCRIPTION_RESUMED);

	private static final Set<String> INVOICE_EVENTS = Set.of(WebhookEvent.INVOICE_PAID,
			WebhookEvent.INVOICE_PAYMENT_FAILED, WebhookEvent.INVOICE_FINALIZED);

	private static final Set<String> ACCOUNT_EVENTS = Set.of(WebhookEvent.CUSTOMER_UPDATED,
			WebhookEvent.PAYMENT_METHOD_ATTACHED, WebhookEvent.PAYMENT_METHOD_DETACHED,
			WebhookEvent.CHECKOUT_SESSION_COMPLETED);

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
	 * Whether events of a type are handled; others are acknowledged and ignored.
	 * @param type the event type
	 * @return {@code true} when handled
	 */
	public static boolean handles(String type) {
		return SUBSCRIPTION_EVENTS.contains(type) || INVOICE_EVENTS.contains(type) || ACCOUNT_EVENTS.contains(type);
	}

	/**
	 * Applies an event.
	 * @param event the event, of a handled type
	 * @return the application events to publish once the change is committed
	 * @throws io.recurportal.error.PortalException when the provider cannot be read
	 */
	public List<PortalBillingEvent> handle(WebhookEvent event) {
		if (SUBSCRIPTION_EVENTS.contains(event.type())) {
			return (event.subscriptionId() != null) ? storeSubscription(event, event.subscriptionId(), true)
					: List.of();
		}
		if (INVOICE_EVENTS.contains(event.type())) {
			return handleInvoice(event);
		}
		if (event.type().equals(WebhookEvent.CHECKOUT_SESSION_COMPLETED) && event.subscriptionId() != null) {
			return storeSubscription(event, event.subscriptionId(), false);
		}
		if (ACCOUNT_EVENTS.contains(event.type())) {
			reconcile(event);
		}
		return List.of();
	}

	private List<PortalBillingEvent> handleInvoice(WebhookEvent event) {
		List<PortalBillingEvent> events = new ArrayList<>();
		if (event.subscriptionId() != null) {
			events.addAll(storeSubscription(event, event.subscriptionId(), false));
		}
		String customerId = event.customerId();
		String invoiceId = event.invoiceId();
		boolean payment = (event.type().equals(WebhookEvent.INVOICE_PAID)
				|| event.type().equals(WebhookEvent.INVOICE_PAYMENT_FAILED)) && invoiceId != null;
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
		events.add(event.type().equals(WebhookEvent.INVOICE_PAID)
				? new PaymentSucceededEvent(event.id(), accountId, customerId, invoiceId, event.subscriptionId())
				: new PaymentFailedEvent(event.id(), accountId, customerId, invoiceId, event.subscriptionId()));
		return events;
	}

	/**
	 * Stores the provider's current state of a subscription, ordered by the event's time.
	 * @param announce whether to publish the event's own kind (created, updated,
	 * canceled), besides changes into and out of on hold
	 */
	private List<PortalBillingEvent> storeSubscription(WebhookEvent event, String subscriptionId, boolean announce) {
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

	private static PortalBillingEvent announcement(WebhookEvent event, String accountId, Subscription subscription) {
		return switch (event.type()) {
			case WebhookEvent.SUBSCRIPTION_CREATED -> new SubscriptionCreatedEvent(event.id(), accountId, subscription);
			case WebhookEvent.SUBSCRIPTION_DELETED ->
				new SubscriptionCanceledEvent(event.id(), accountId, subscription);
			default -> new SubscriptionUpdatedEvent(event.id(), accountId, subscription);
		};
	}

	// On hold, paused, or ending at period end: what reactivating undoes.
	private static boolean isInterrupted(Subscription subscription) {
		return subscription.isOnHold() || subscription.status() == SubscriptionStatus.PAUSED
				|| subscription.cancelAtPeriodEnd();
	}

	private void reconcile(WebhookEvent event) {
		if (event.customerId() == null) {
			return;
		}
		String accountId = accountOf(event, event.customerId());
		if (accountId != null) {
			this.subscriptions.sync(accountId, false);
		}
	}

	private @Nullable String accountOf(WebhookEvent event, String customerId) {
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
