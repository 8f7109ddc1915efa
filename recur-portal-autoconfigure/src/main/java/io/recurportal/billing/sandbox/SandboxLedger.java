package io.recurportal.billing.sandbox;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.recurportal.billing.InvoiceStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Everything the sandbox knows besides its catalog: customers, saved cards,
 * subscriptions, invoices and checkout sessions, and the counters ids come from.
 * <p>
 * Not thread-safe: the gateway guards it with its lock. Every call that changes billing
 * works on a {@link #copy()} and keeps it only when the whole call succeeded, which is
 * how a declined charge leaves nothing changed.
 */
final class SandboxLedger {

	private final SandboxCatalog catalog;

	private final Map<String, SandboxCustomer> customers;

	private final Map<String, SavedCard> cards;

	private final Map<String, SandboxSubscription> subscriptions;

	private final Map<String, SandboxInvoice> invoices;

	private final Map<String, SandboxCheckoutSession> checkoutSessions;

	private final IdGenerator ids;

	private long sequence;

	SandboxLedger(SandboxCatalog catalog) {
		this(catalog, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
				new LinkedHashMap<>(), new IdGenerator(), 0);
	}

	private SandboxLedger(SandboxCatalog catalog, Map<String, SandboxCustomer> customers,
			Map<String, SavedCard> cards, Map<String, SandboxSubscription> subscriptions,
			Map<String, SandboxInvoice> invoices, Map<String, SandboxCheckoutSession> checkoutSessions,
			IdGenerator ids, long sequence) {
		this.catalog = catalog;
		this.customers = customers;
		this.cards = cards;
		this.subscriptions = subscriptions;
		this.invoices = invoices;
		this.checkoutSessions = checkoutSessions;
		this.ids = ids;
		this.sequence = sequence;
	}

	/**
	 * A deep copy to change; this ledger stays as it is.
	 * @return the copy
	 */
	SandboxLedger copy() {
		return new SandboxLedger(this.catalog, copyOf(this.customers, SandboxCustomer::copy),
				new LinkedHashMap<>(this.cards), copyOf(this.subscriptions, SandboxSubscription::copy),
				copyOf(this.invoices, SandboxInvoice::copy), copyOf(this.checkoutSessions, SandboxCheckoutSession::copy),
				this.ids.copy(), this.sequence);
	}

	private static <T> Map<String, T> copyOf(Map<String, T> map, UnaryOperator<T> copier) {
		Map<String, T> copy = new LinkedHashMap<>();
		map.forEach((id, value) -> copy.put(id, copier.apply(value)));
		return copy;
	}

	SandboxCatalog catalog() {
		return this.catalog;
	}

	/**
	 * A new id with a prefix that no object has yet.
	 * @param prefix {@code cus}, {@code sub}, {@code in}, {@code pm} or {@code cs}
	 * @return the id
	 */
	String newId(String prefix) {
		return this.ids.next(prefix, (id) -> this.customers.containsKey(id) || this.cards.containsKey(id)
				|| this.subscriptions.containsKey(id) || this.invoices.containsKey(id)
				|| this.checkoutSessions.containsKey(id));
	}

	/**
	 * The next number in the order objects were made, to list newest first when two share
	 * a timestamp.
	 * @return the number
	 */
	long nextSequence() {
		return ++this.sequence;
	}

	// Customers

	Optional<SandboxCustomer> customer(String id) {
		return Optional.ofNullable(this.customers.get(id));
	}

	SandboxCustomer requireCustomer(String id) {
		return customer(id).orElseThrow(
				() -> new PortalException(PortalErrorCode.CUSTOMER_NOT_FOUND, "No customer " + id + "."));
	}

	Collection<SandboxCustomer> customers() {
		return this.customers.values();
	}

	void add(SandboxCustomer customer) {
		this.customers.put(customer.id, customer);
	}

	// Saved cards

	Optional<SavedCard> card(String id) {
		return Optional.ofNullable(this.cards.get(id));
	}

	/**
	 * A saved card of a customer; another customer's card is as unknown as a missing one.
	 * @param id the payment method id
	 * @param customerId the customer it must belong to
	 * @return the card
	 */
	SavedCard requireCard(String id, String customerId) {
		SavedCard card = this.cards.get(id);
		if (card == null || !card.customerId().equals(customerId)) {
			throw new PortalException(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND, "No payment method " + id + ".");
		}
		return card;
	}

	List<SavedCard> cardsOf(String customerId) {
		return this.cards.values()
			.stream()
			.filter((card) -> card.customerId().equals(customerId))
			.sorted(Comparator.comparingLong(SavedCard::sequence).reversed())
			.toList();
	}

	void add(SavedCard card) {
		this.cards.put(card.id(), card);
	}

	void remove(SavedCard card) {
		this.cards.remove(card.id());
	}

	// Subscriptions

	Optional<SandboxSubscription> subscription(String id) {
		return Optional.ofNullable(this.subscriptions.get(id));
	}

	SandboxSubscription requireSubscription(String id) {
		return subscription(id).orElseThrow(
				() -> new PortalException(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, "No subscription " + id + "."));
	}

	Collection<SandboxSubscription> subscriptions() {
		return this.subscriptions.values();
	}

	List<SandboxSubscription> subscriptionsOf(String customerId) {
		return this.subscriptions.values()
			.stream()
			.filter((subscription) -> subscription.customerId.equals(customerId))
			.sorted(Comparator.comparing((SandboxSubscription subscription) -> subscription.created)
				.thenComparingLong((subscription) -> subscription.sequence)
				.reversed())
			.toList();
	}

	void add(SandboxSubscription subscription) {
		this.subscriptions.put(subscription.id, subscription);
	}

	// Invoices

	Optional<SandboxInvoice> invoice(String id) {
		return Optional.ofNullable(this.invoices.get(id));
	}

	SandboxInvoice requireInvoice(String id) {
		return invoice(id)
			.orElseThrow(() -> new PortalException(PortalErrorCode.INVOICE_NOT_FOUND, "No invoice " + id + "."));
	}

	List<SandboxInvoice> invoicesOf(String customerId) {
		return this.invoices.values()
			.stream()
			.filter((invoice) -> invoice.customerId.equals(customerId))
			.sorted(Comparator.comparing((SandboxInvoice invoice) -> invoice.created)
				.thenComparingLong((invoice) -> invoice.sequence)
				.reversed())
			.toList();
	}

	List<SandboxInvoice> invoicesOfSubscription(String subscriptionId, InvoiceStatus status) {
		return this.invoices.values()
			.stream()
			.filter((invoice) -> subscriptionId.equals(invoice.subscriptionId) && invoice.status == status)
			.toList();
	}

	void add(SandboxInvoice invoice) {
		this.invoices.put(invoice.id, invoice);
	}

	// Checkout sessions

	Optional<SandboxCheckoutSession> checkoutSession(String id) {
		return Optional.ofNullable(this.checkoutSessions.get(id));
	}

	SandboxCheckoutSession requireCheckoutSession(String id) {
		return checkoutSession(id).orElseThrow(() -> new PortalException(PortalErrorCode.CHECKOUT_SESSION_NOT_FOUND,
				"No checkout session " + id + "."));
	}

	Collection<SandboxCheckoutSession> checkoutSessions() {
		return this.checkoutSessions.values();
	}

	void add(SandboxCheckoutSession session) {
		this.checkoutSessions.put(session.id, session);
	}

}
