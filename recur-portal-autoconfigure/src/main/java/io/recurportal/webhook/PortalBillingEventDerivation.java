package io.recurportal.webhook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;

/**
 * Which application events one refresh makes, from the events it covers and the object
 * before and after. Each real change is told once: an announcement (created, updated,
 * canceled) once per refresh under the id of the newest event of its kind; a change seen
 * between the mirror's state and the provider's (on hold, reactivated, cancellation
 * scheduled, plan changed) under the id of the newest event of the refresh; and what
 * only an event tells (a payment's outcome, a saved payment method) once per event,
 * under its own id. Listeners may deduplicate by event id and kind.
 */
final class PortalBillingEventDerivation {

	private static final Set<BillingEventType> UPDATES = EnumSet.of(BillingEventType.SUBSCRIPTION_UPDATED,
			BillingEventType.SUBSCRIPTION_PAUSED, BillingEventType.SUBSCRIPTION_RESUMED);

	private PortalBillingEventDerivation() {
	}

	/**
	 * The events of a subscription's refresh.
	 * @param events the events the refresh covers
	 * @param accountId the account
	 * @param before the mirror's state before the refresh
	 * @param after the provider's state
	 * @param stored whether the provider's state was stored (it was newer)
	 * @return the application events
	 */
	static List<PortalBillingEvent> subscription(List<BillingEvent> events, String accountId,
			Optional<Subscription> before, Subscription after, boolean stored) {
		List<PortalBillingEvent> derived = new ArrayList<>();
		newest(events, Set.of(BillingEventType.SUBSCRIPTION_CREATED))
			.ifPresent((event) -> derived.add(new SubscriptionCreatedEvent(event.id(), accountId, after)));
		newest(events, UPDATES)
			.ifPresent((event) -> derived.add(new SubscriptionUpdatedEvent(event.id(), accountId, after)));
		newest(events, Set.of(BillingEventType.SUBSCRIPTION_DELETED))
			.ifPresent((event) -> derived.add(new SubscriptionCanceledEvent(event.id(), accountId, after)));
		if (stored && before.isPresent() && !events.isEmpty()) {
			String eventId = newest(events, EnumSet.allOf(BillingEventType.class)).orElseThrow().id();
			derived.addAll(changes(eventId, accountId, before.get(), after));
		}
		return derived;
	}

	/**
	 * The changes between two states of a subscription that the host is told of, whoever
	 * made them: on hold, reactivated, cancellation scheduled, plan changed.
	 * @param eventId the id the events carry
	 * @param accountId the account
	 * @param previous the state before
	 * @param after the state after
	 * @return the application events
	 */
	static List<PortalBillingEvent> changes(String eventId, String accountId, Subscription previous,
			Subscription after) {
		List<PortalBillingEvent> derived = new ArrayList<>();
		if (!previous.isOnHold() && after.isOnHold()) {
			derived.add(new SubscriptionOnHoldEvent(eventId, accountId, after));
		}
		if (isInterrupted(previous) && !isInterrupted(after) && after.status().isEntitled()) {
			derived.add(new SubscriptionReactivatedEvent(eventId, accountId, after));
		}
		if (!previous.cancelAtPeriodEnd() && after.cancelAtPeriodEnd()
				&& after.status() != SubscriptionStatus.CANCELED) {
			derived.add(new SubscriptionCancelScheduledEvent(eventId, accountId, after));
		}
		if (!previous.price().id().equals(after.price().id())) {
			derived.add(new SubscriptionPlanChangedEvent(eventId, accountId, previous.price(), after));
		}
		return derived;
	}

	/**
	 * What only the events tell: payments' outcomes and saved payment methods, once per
	 * event, in the order they were created.
	 * @param events the events the refresh covers
	 * @param accountId the account
	 * @param customerId the account's customer, when the events do not name it
	 * @return the application events
	 */
	static List<PortalBillingEvent> facts(List<BillingEvent> events, String accountId, @Nullable String customerId) {
		List<PortalBillingEvent> derived = new ArrayList<>();
		for (BillingEvent event : byCreation(events)) {
			String customer = (event.customerId() != null) ? event.customerId() : customerId;
			if (customer == null) {
				continue;
			}
			if (event.type() == BillingEventType.INVOICE_PAID && event.invoiceId() != null) {
				derived.add(new PaymentSucceededEvent(event.id(), accountId, customer, event.invoiceId(),
						event.subscriptionId()));
			}
			else if (event.type() == BillingEventType.INVOICE_PAYMENT_FAILED && event.invoiceId() != null) {
				derived.add(new PaymentFailedEvent(event.id(), accountId, customer, event.invoiceId(),
						event.subscriptionId()));
			}
			else if (event.type() == BillingEventType.PAYMENT_METHOD_ATTACHED && event.paymentMethodId() != null) {
				derived.add(new PaymentMethodAttachedEvent(event.id(), accountId, customer, event.paymentMethodId()));
			}
		}
		return derived;
	}

	/**
	 * The newest of some events: the latest created, and of those the last recorded.
	 */
	static Optional<BillingEvent> newest(List<BillingEvent> events, Set<BillingEventType> types) {
		BillingEvent newest = null;
		for (BillingEvent event : events) {
			if (event.type() != null && types.contains(event.type())
					&& (newest == null || !event.created().isBefore(newest.created()))) {
				newest = event;
			}
		}
		return Optional.ofNullable(newest);
	}

	private static List<BillingEvent> byCreation(List<BillingEvent> events) {
		List<BillingEvent> sorted = new ArrayList<>(events);
		sorted.sort(Comparator.comparing(BillingEvent::created));
		return sorted;
	}

	// On hold, paused, or ending at period end: what reactivating undoes.
	private static boolean isInterrupted(Subscription subscription) {
		return subscription.isOnHold() || subscription.status() == SubscriptionStatus.PAUSED
				|| subscription.cancelAtPeriodEnd();
	}

}
