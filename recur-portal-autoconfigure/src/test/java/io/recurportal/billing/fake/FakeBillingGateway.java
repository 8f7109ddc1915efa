package io.recurportal.billing.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceDocument;
import io.recurportal.billing.NewCustomer;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Price;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.ProrationPreview;
import io.recurportal.billing.ProviderInfo;
import io.recurportal.billing.ProviderStatus;
import io.recurportal.billing.Subscription;

/**
 * A third provider's gateway, for the test of the design: it keeps its customers in a
 * ledger it is given (any gateway; the tests seed one), calls itself {@code fake}, hosts
 * its checkout pages at {@link FakeProviderConfiguration#ORIGIN}, keeps its own log of
 * the changes it was asked for (one per idempotency key, as a real provider makes), and
 * announces every change it makes as its own events, in its own names, to whoever
 * listens (its {@link FakeEventSource}).
 */
public final class FakeBillingGateway implements BillingGateway {

	private final BillingGateway ledger;

	private final Consumer<String> checkoutDesk;

	private final Set<String> keysSeen = new HashSet<>();

	private final List<String> changed = new ArrayList<>();

	private volatile @Nullable Consumer<BillingEvent> listener;

	/**
	 * A fake whose checkouts cannot be paid.
	 * @param ledger where its customers are kept
	 */
	public FakeBillingGateway(BillingGateway ledger) {
		this(ledger, (sessionId) -> {
			throw new UnsupportedOperationException("This fake has no checkout desk");
		});
	}

	/**
	 * A fake whose checkouts are paid at the given desk.
	 * @param ledger where its customers are kept
	 * @param checkoutDesk completes a checkout session of the ledger with a good card, as
	 * the customer paying on the fake's page would
	 */
	public FakeBillingGateway(BillingGateway ledger, Consumer<String> checkoutDesk) {
		this.ledger = ledger;
		this.checkoutDesk = checkoutDesk;
	}

	void setListener(@Nullable Consumer<BillingEvent> listener) {
		this.listener = listener;
	}

	/**
	 * Makes a change whose events nobody hears, as a change whose webhook was lost.
	 * @param change the change
	 */
	void unannounced(Runnable change) {
		Consumer<BillingEvent> listener = this.listener;
		this.listener = null;
		try {
			change.run();
		}
		finally {
			this.listener = listener;
		}
	}

	/**
	 * Pays a checkout session, as the customer on the fake's checkout page would.
	 * @param sessionId the session
	 */
	void completeCheckout(String sessionId) {
		this.checkoutDesk.accept(sessionId);
		CheckoutSession session = this.ledger.findCheckoutSession(sessionId).orElseThrow();
		changed("checkout:" + sessionId, sessionId);
		announce(BillingEventType.CHECKOUT_COMPLETED, "checkout.paid", session.customerId(), session.subscriptionId(),
				null);
	}

	/** How many changes were made, replays not counted. */
	synchronized long mutationCount() {
		return this.changed.size();
	}

	/** The objects changed, oldest first. */
	synchronized List<String> mutatedObjectIds() {
		return List.copyOf(this.changed);
	}

	// Called after the ledger accepted the call: a key seen before is a replay.
	private synchronized void changed(String idempotencyKey, String objectId) {
		if (this.keysSeen.add(idempotencyKey)) {
			this.changed.add(objectId);
		}
	}

	private CheckoutSession hosted(CheckoutSession session) {
		return new CheckoutSession(session.id(), session.mode(), session.status(),
				(session.url() != null) ? FakeProviderConfiguration.ORIGIN + "/checkout/" + session.id() : null,
				session.customerId(), session.priceId(), session.subscriptionId(), session.paymentMethodId(),
				session.successUrl(), session.cancelUrl(), session.expiresAt());
	}

	private void announce(BillingEventType type, String name, @Nullable String customerId,
			@Nullable String subscriptionId, @Nullable String invoiceId) {
		Consumer<BillingEvent> listener = this.listener;
		if (listener != null) {
			listener.accept(new BillingEvent("fake_evt_" + UUID.randomUUID(), type, "fake." + name, Instant.now(),
					customerId, subscriptionId, invoiceId, null));
		}
	}

	@Override
	public ProviderInfo providerInfo() {
		return new ProviderInfo(FakeProviderConfiguration.NAME, null, false);
	}

	@Override
	public Optional<Customer> findCustomer(String customerId) {
		return this.ledger.findCustomer(customerId);
	}

	@Override
	public Optional<Customer> findCustomerByExternalId(String externalId) {
		return this.ledger.findCustomerByExternalId(externalId);
	}

	@Override
	public Optional<Customer> findCustomerByEmail(String email) {
		return this.ledger.findCustomerByEmail(email);
	}

	@Override
	public Customer createCustomer(NewCustomer customer, String idempotencyKey) {
		Customer result = this.ledger.createCustomer(customer, idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.CUSTOMER_UPDATED, "customer.changed", result.id(), null, null);
		return result;
	}

	@Override
	public Customer updateCustomer(String customerId, CustomerProfileUpdate update, String idempotencyKey) {
		Customer result = this.ledger.updateCustomer(customerId, update, idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.CUSTOMER_UPDATED, "customer.changed", result.id(), null, null);
		return result;
	}

	@Override
	public List<Price> listPrices() {
		return this.ledger.listPrices();
	}

	@Override
	public Optional<Price> findPrice(String priceId) {
		return this.ledger.findPrice(priceId);
	}

	@Override
	public List<Subscription> listSubscriptions(String customerId) {
		return this.ledger.listSubscriptions(customerId);
	}

	@Override
	public Optional<Subscription> findSubscription(String subscriptionId) {
		return this.ledger.findSubscription(subscriptionId);
	}

	@Override
	public Subscription cancel(String subscriptionId, CancelTiming timing, CancellationReason reason,
			String idempotencyKey) {
		Subscription result = this.ledger.cancel(subscriptionId, timing, reason, idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.SUBSCRIPTION_UPDATED, "subscription.changed", result.customerId(), result.id(), null);
		return result;
	}

	@Override
	public Subscription reactivate(String subscriptionId, String idempotencyKey) {
		Subscription result = this.ledger.reactivate(subscriptionId, idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.SUBSCRIPTION_UPDATED, "subscription.changed", result.customerId(), result.id(), null);
		return result;
	}

	@Override
	public Subscription pause(String subscriptionId, @Nullable Instant resumesAt, String idempotencyKey) {
		Subscription result = this.ledger.pause(subscriptionId, resumesAt, idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.SUBSCRIPTION_PAUSED, "subscription.paused", result.customerId(), result.id(), null);
		return result;
	}

	@Override
	public Subscription resume(String subscriptionId, String idempotencyKey) {
		Subscription result = this.ledger.resume(subscriptionId, idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.SUBSCRIPTION_RESUMED, "subscription.resumed", result.customerId(), result.id(), null);
		return result;
	}

	@Override
	public ProrationPreview previewPriceChange(String subscriptionId, String newPriceId,
			ProrationBehavior prorationBehavior) {
		return this.ledger.previewPriceChange(subscriptionId, newPriceId, prorationBehavior);
	}

	@Override
	public Subscription changePrice(String subscriptionId, String newPriceId, ProrationBehavior prorationBehavior,
			String idempotencyKey) {
		Subscription result = this.ledger.changePrice(subscriptionId, newPriceId, prorationBehavior, idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.SUBSCRIPTION_UPDATED, "subscription.changed", result.customerId(), result.id(), null);
		return result;
	}

	@Override
	public ProrationPreview previewChange(String subscriptionId, String newPriceId, int quantity,
			ProrationBehavior prorationBehavior) {
		return this.ledger.previewChange(subscriptionId, newPriceId, quantity, prorationBehavior);
	}

	@Override
	public Subscription change(String subscriptionId, String newPriceId, int quantity,
			ProrationBehavior prorationBehavior, String idempotencyKey) {
		Subscription result = this.ledger.change(subscriptionId, newPriceId, quantity, prorationBehavior,
				idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.SUBSCRIPTION_UPDATED, "subscription.changed", result.customerId(), result.id(), null);
		return result;
	}

	@Override
	public List<Invoice> listInvoices(String customerId, int limit) {
		return this.ledger.listInvoices(customerId, limit);
	}

	@Override
	public Optional<Invoice> findInvoice(String invoiceId) {
		return this.ledger.findInvoice(invoiceId);
	}

	@Override
	public InvoiceDocument invoicePdf(String invoiceId) {
		return this.ledger.invoicePdf(invoiceId);
	}

	@Override
	public Invoice payInvoice(String invoiceId, @Nullable String paymentMethodId, String idempotencyKey) {
		Invoice result = this.ledger.payInvoice(invoiceId, paymentMethodId, idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.INVOICE_PAID, "invoice.settled", result.customerId(), result.subscriptionId(), result.id());
		return result;
	}

	@Override
	public List<PaymentMethod> listPaymentMethods(String customerId) {
		return this.ledger.listPaymentMethods(customerId);
	}

	@Override
	public Optional<PaymentMethod> findPaymentMethod(String paymentMethodId) {
		return this.ledger.findPaymentMethod(paymentMethodId);
	}

	@Override
	public Customer setDefaultPaymentMethod(String customerId, String paymentMethodId, String idempotencyKey) {
		Customer result = this.ledger.setDefaultPaymentMethod(customerId, paymentMethodId, idempotencyKey);
		changed(idempotencyKey, result.id());
		announce(BillingEventType.CUSTOMER_UPDATED, "customer.changed", result.id(), null, null);
		return result;
	}

	@Override
	public void detachPaymentMethod(String customerId, String paymentMethodId, String idempotencyKey) {
		this.ledger.detachPaymentMethod(customerId, paymentMethodId, idempotencyKey);
		changed(idempotencyKey, paymentMethodId);
		announce(BillingEventType.CUSTOMER_UPDATED, "customer.changed", customerId, null, null);
	}

	@Override
	public CheckoutSession createCheckoutSession(CheckoutSessionRequest request, String idempotencyKey) {
		CheckoutSession result = hosted(this.ledger.createCheckoutSession(request, idempotencyKey));
		changed(idempotencyKey, result.id());
		return result;
	}

	@Override
	public Optional<CheckoutSession> findCheckoutSession(String sessionId) {
		return this.ledger.findCheckoutSession(sessionId).map(this::hosted);
	}

	@Override
	public ProviderStatus checkConnection() {
		return this.ledger.checkConnection();
	}

}
