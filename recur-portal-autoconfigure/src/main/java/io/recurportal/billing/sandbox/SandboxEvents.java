package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.Customer;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Tells what changed in a ledger between two moments, as the events a provider sends:
 * the sandbox's state machine stays as it is, and whatever changed it (a caller, or
 * time passing) is announced the same way.
 */
final class SandboxEvents {

	private SandboxEvents() {
	}

	/**
	 * What the ledger holds now, to compare with later.
	 * @param ledger the ledger
	 * @return the snapshot
	 */
	static Snapshot snapshot(SandboxLedger ledger) {
		Map<String, Customer> customers = new HashMap<>();
		ledger.customers().forEach((customer) -> customers.put(customer.id, customer.toCustomer()));
		Map<String, Subscription> subscriptions = new HashMap<>();
		ledger.subscriptions()
			.forEach((subscription) -> subscriptions.put(subscription.id,
					subscription.toSubscription(ledger.catalog().price(subscription.priceId))));
		Map<String, InvoiceState> invoices = new HashMap<>();
		ledger.customers()
			.forEach((customer) -> ledger.invoicesOf(customer.id)
				.forEach((invoice) -> invoices.put(invoice.id, new InvoiceState(invoice.status, invoice.attempts))));
		Set<String> cards = new HashSet<>();
		ledger.customers().forEach((customer) -> ledger.cardsOf(customer.id).forEach((card) -> cards.add(card.id())));
		Map<String, CheckoutStatus> checkouts = new HashMap<>();
		ledger.checkoutSessions().forEach((session) -> checkouts.put(session.id, session.status));
		return new Snapshot(customers, subscriptions, invoices, cards, checkouts);
	}

	/**
	 * The events that tell what changed since a snapshot.
	 * @param before the snapshot
	 * @param ledger the ledger now
	 * @param now the time of the events
	 * @return the events, in the order a provider such as Stripe sends them
	 */
	static List<SandboxEvent> since(Snapshot before, SandboxLedger ledger, Instant now) {
		Snapshot after = snapshot(ledger);
		List<SandboxEvent> events = new ArrayList<>();
		after.customers().forEach((id, customer) -> {
			Customer previous = before.customers().get(id);
			if (previous != null && !previous.equals(customer)) {
				events.add(event(BillingEventType.CUSTOMER_UPDATED, now, id, null, null));
			}
		});
		for (SavedCard card : cardsAdded(before, ledger)) {
			SandboxEvent attached = event(BillingEventType.PAYMENT_METHOD_ATTACHED, now, card.customerId(), null, null);
			events.add(new SandboxEvent(attached.id(), attached.type(), now, card.customerId(), null, null, card.id()));
		}
		after.subscriptions().forEach((id, subscription) -> {
			if (!before.subscriptions().containsKey(id)) {
				events.add(event(BillingEventType.SUBSCRIPTION_CREATED, now, subscription.customerId(), id, null));
			}
		});
		ledger.customers()
			.forEach((customer) -> ledger.invoicesOf(customer.id)
				.forEach((invoice) -> invoiceEvents(before.invoices().get(invoice.id), invoice, now, events)));
		after.subscriptions().forEach((id, subscription) -> {
			Subscription previous = before.subscriptions().get(id);
			if (previous != null && !previous.equals(subscription)) {
				events.add(event(subscriptionChange(previous.status(), subscription.status()), now,
						subscription.customerId(), id, null));
			}
		});
		for (SandboxCheckoutSession session : ledger.checkoutSessions()) {
			boolean completed = session.status == CheckoutStatus.COMPLETE
					&& before.checkouts().get(session.id) != CheckoutStatus.COMPLETE;
			if (completed) {
				events.add(event(BillingEventType.CHECKOUT_COMPLETED, now, session.customerId, session.subscriptionId,
						null));
			}
		}
		return events;
	}

	private static List<SavedCard> cardsAdded(Snapshot before, SandboxLedger ledger) {
		List<SavedCard> added = new ArrayList<>();
		ledger.customers()
			.forEach((customer) -> ledger.cardsOf(customer.id)
				.stream()
				.filter((card) -> !before.cards().contains(card.id()))
				.forEach(added::add));
		return added;
	}

	private static void invoiceEvents(@Nullable InvoiceState before, SandboxInvoice invoice, Instant now,
			List<SandboxEvent> events) {
		InvoiceStatus previous = (before != null) ? before.status() : InvoiceStatus.DRAFT;
		int previousAttempts = (before != null) ? before.attempts() : 0;
		if (previous == InvoiceStatus.DRAFT && invoice.status != InvoiceStatus.DRAFT) {
			events.add(event(BillingEventType.INVOICE_FINALIZED, now, invoice.customerId, invoice.subscriptionId,
					invoice.id));
		}
		if (invoice.status == InvoiceStatus.PAID && previous != InvoiceStatus.PAID) {
			events.add(event(BillingEventType.INVOICE_PAID, now, invoice.customerId, invoice.subscriptionId,
					invoice.id));
		}
		else if (invoice.attempts > previousAttempts && invoice.status == InvoiceStatus.OPEN) {
			events.add(event(BillingEventType.INVOICE_PAYMENT_FAILED, now, invoice.customerId, invoice.subscriptionId,
					invoice.id));
		}
	}

	private static BillingEventType subscriptionChange(SubscriptionStatus before, SubscriptionStatus after) {
		if (after == SubscriptionStatus.CANCELED && before != SubscriptionStatus.CANCELED) {
			return BillingEventType.SUBSCRIPTION_DELETED;
		}
		if (after == SubscriptionStatus.PAUSED && before != SubscriptionStatus.PAUSED) {
			return BillingEventType.SUBSCRIPTION_PAUSED;
		}
		if (before == SubscriptionStatus.PAUSED && after != SubscriptionStatus.PAUSED) {
			return BillingEventType.SUBSCRIPTION_RESUMED;
		}
		return BillingEventType.SUBSCRIPTION_UPDATED;
	}

	private static SandboxEvent event(BillingEventType type, Instant now, String customerId,
			@Nullable String subscriptionId,
			@Nullable String invoiceId) {
		// Random, not counted: ids must not repeat after a restart when processed ids are kept in a database.
		String id = "evt_sbx_" + UUID.randomUUID().toString().replace("-", "");
		return new SandboxEvent(id, type, now, customerId, subscriptionId, invoiceId);
	}

	/**
	 * What the ledger held at one moment, as far as events tell about it.
	 */
	record Snapshot(Map<String, Customer> customers, Map<String, Subscription> subscriptions,
			Map<String, InvoiceState> invoices, Set<String> cards, Map<String, CheckoutStatus> checkouts) {

	}

	record InvoiceState(InvoiceStatus status, int attempts) {

	}

}
