package io.recurportal.billing.stripe;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.stripe.StripeClient;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Discount;
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
import io.recurportal.billing.RetentionCoupon;
import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The {@link BillingGateway} over Stripe, through stripe-java's {@link StripeClient}
 * (build one with {@link StripeClients}).
 * <p>
 * Every mutation sends the caller's idempotency key as Stripe's {@code Idempotency-Key}
 * (see {@link StripeIdempotencyKeys}); an action that makes several Stripe mutations
 * derives one key per step from it. Stripe's failures are translated once into
 * {@link io.recurportal.error.PortalException}s. The Stripe calls each method makes are
 * documented on the method: a portal overview (customer, subscriptions, invoices,
 * payment methods) costs five.
 */
public final class StripeBillingGateway implements BillingGateway {

	private static final String PROVIDER_NAME = "stripe";

	private final ProviderInfo providerInfo;

	private final StripeCustomers customers;

	private final StripeCatalog catalog;

	private final StripeSubscriptions subscriptions;

	private final StripeInvoices invoices;

	private final StripePaymentMethods paymentMethods;

	private final StripeCheckout checkout;

	private final StripeConnectionCheck connectionCheck;

	/**
	 * Creates a gateway.
	 * @param client the client to call Stripe with
	 * @param settings the publishable key, mode and download timeouts
	 */
	public StripeBillingGateway(StripeClient client, StripeGatewaySettings settings) {
		this(client, settings, Clock.systemUTC());
	}

	StripeBillingGateway(StripeClient client, StripeGatewaySettings settings, Clock clock) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		StripeModelMapper mapper = new StripeModelMapper();
		StripeErrorTranslator errors = new StripeErrorTranslator(clock);
		this.providerInfo = new ProviderInfo(PROVIDER_NAME, settings.publishableKey(), settings.liveMode());
		this.customers = new StripeCustomers(client, mapper, errors);
		this.catalog = new StripeCatalog(client, mapper, errors);
		this.subscriptions = new StripeSubscriptions(client, mapper, errors, this.catalog, clock);
		this.invoices = new StripeInvoices(client, mapper, errors,
				new StripeInvoicePdfDownloader(settings.connectTimeout(), settings.readTimeout()));
		this.paymentMethods = new StripePaymentMethods(client, mapper, errors, this.subscriptions);
		this.checkout = new StripeCheckout(client, mapper, errors);
		this.connectionCheck = new StripeConnectionCheck(client);
	}

	/**
	 * No call.
	 */
	@Override
	public ProviderInfo providerInfo() {
		return this.providerInfo;
	}

	/**
	 * One call: {@code GET /v1/customers/{id}}. A deleted customer is not found.
	 */
	@Override
	public Optional<Customer> findCustomer(String customerId) {
		return this.customers.find(customerId);
	}

	/**
	 * One call: {@code GET /v1/customers/search} on the metadata {@code recur_account_id}.
	 * Where search is not offered, customers are listed instead, newest first, in pages of
	 * 100 up to 1000. Stripe's search lags writes by up to a minute.
	 */
	@Override
	public Optional<Customer> findCustomerByExternalId(String externalId) {
		return this.customers.findByExternalId(externalId);
	}

	/**
	 * One call, {@code GET /v1/customers?email=}; a second one with the email in
	 * {@link io.recurportal.billing.EmailAddresses normal form} when that differs from the
	 * email as given, because Stripe compares emails with case. Several matches are an
	 * error, {@code customer_ambiguous}.
	 */
	@Override
	public Optional<Customer> findCustomerByEmail(String email) {
		return this.customers.findByEmail(email);
	}

	/**
	 * One call: {@code POST /v1/customers} with the metadata {@code recur_account_id}.
	 */
	@Override
	public Customer createCustomer(NewCustomer customer, String idempotencyKey) {
		return this.customers.create(customer, idempotencyKey);
	}

	/**
	 * One call: {@code POST /v1/customers/{id}}. The tax id is kept in the metadata
	 * {@code recur_tax_id}.
	 */
	@Override
	public Customer updateCustomer(String customerId, CustomerProfileUpdate update, String idempotencyKey) {
		return this.customers.update(customerId, update, idempotencyKey);
	}

	/**
	 * One call per 100 prices: {@code GET /v1/prices?active=true&type=recurring} expanding
	 * {@code data.product}. Only fixed-amount prices of active products are listed.
	 */
	@Override
	public List<Price> listPrices() {
		return this.catalog.list();
	}

	/**
	 * One call: {@code GET /v1/prices/{id}} expanding {@code product}.
	 */
	@Override
	public Optional<Price> findPrice(String priceId) {
		return this.catalog.find(priceId);
	}

	/**
	 * Two calls: {@code GET /v1/subscriptions?status=all} and {@code GET /v1/products} for
	 * their products (one more of each per 100).
	 */
	@Override
	public List<Subscription> listSubscriptions(String customerId) {
		return this.subscriptions.list(customerId);
	}

	/**
	 * One call: {@code GET /v1/subscriptions/{id}} expanding the price's product.
	 */
	@Override
	public Optional<Subscription> findSubscription(String subscriptionId) {
		return this.subscriptions.find(subscriptionId);
	}

	/**
	 * One call: {@code POST /v1/subscriptions/{id}} with {@code cancel_at_period_end=true},
	 * or {@code DELETE /v1/subscriptions/{id}} to cancel now.
	 */
	@Override
	public Subscription cancel(String subscriptionId, CancelTiming timing, CancellationReason reason,
			String idempotencyKey) {
		return this.subscriptions.cancel(subscriptionId, timing, reason, idempotencyKey);
	}

	/**
	 * Two calls: {@code GET} then {@code POST /v1/subscriptions/{id}} with
	 * {@code cancel_at_period_end=false}.
	 */
	@Override
	public Optional<Discount> describeRetentionCoupon(RetentionCoupon coupon) {
		return this.subscriptions.describeRetentionCoupon(coupon);
	}

	@Override
	public Subscription applyRetentionOffer(String subscriptionId, RetentionCoupon coupon, String idempotencyKey) {
		return this.subscriptions.applyRetentionOffer(subscriptionId, coupon, idempotencyKey);
	}

	@Override
	public Subscription recordRetentionOffer(String subscriptionId, RetentionOfferStatus status,
			String idempotencyKey) {
		return this.subscriptions.recordRetentionOffer(subscriptionId, status, idempotencyKey);
	}

	@Override
	public Subscription reactivate(String subscriptionId, String idempotencyKey) {
		return this.subscriptions.reactivate(subscriptionId, idempotencyKey);
	}

	/**
	 * One call: {@code POST /v1/subscriptions/{id}} with {@code pause_collection}.
	 */
	@Override
	public Subscription pause(String subscriptionId, @Nullable Instant resumesAt, String idempotencyKey) {
		return this.subscriptions.pause(subscriptionId, resumesAt, idempotencyKey);
	}

	/**
	 * Two calls: {@code GET /v1/subscriptions/{id}}, then unsetting {@code pause_collection}
	 * (or {@code POST /v1/subscriptions/{id}/resume} for a subscription in status
	 * {@code paused}).
	 */
	@Override
	public Subscription resume(String subscriptionId, String idempotencyKey) {
		return this.subscriptions.resume(subscriptionId, idempotencyKey);
	}

	/**
	 * Three calls: the subscription, the new price, and
	 * {@code POST /v1/invoices/create_preview}.
	 */
	@Override
	public ProrationPreview previewPriceChange(String subscriptionId, String newPriceId,
			ProrationBehavior prorationBehavior) {
		return this.subscriptions.previewPriceChange(subscriptionId, newPriceId, prorationBehavior);
	}

	/**
	 * As {@link #previewPriceChange}, the item's {@code quantity} in the preview.
	 */
	@Override
	public ProrationPreview previewChange(String subscriptionId, String newPriceId, int quantity,
			ProrationBehavior prorationBehavior) {
		return this.subscriptions.previewChange(subscriptionId, newPriceId, quantity, prorationBehavior);
	}

	/**
	 * As {@link #changePrice}, with {@code items[0][quantity]}.
	 */
	@Override
	public Subscription change(String subscriptionId, String newPriceId, int quantity,
			ProrationBehavior prorationBehavior, String idempotencyKey) {
		return this.subscriptions.change(subscriptionId, newPriceId, quantity, prorationBehavior, idempotencyKey);
	}

	/**
	 * Two calls: {@code GET} then {@code POST /v1/subscriptions/{id}} with the new price and
	 * {@code payment_behavior=error_if_incomplete}.
	 */
	@Override
	public Subscription changePrice(String subscriptionId, String newPriceId, ProrationBehavior prorationBehavior,
			String idempotencyKey) {
		return this.subscriptions.changePrice(subscriptionId, newPriceId, prorationBehavior, idempotencyKey);
	}

	/**
	 * One call per 100 invoices: {@code GET /v1/invoices?customer=}.
	 */
	@Override
	public List<Invoice> listInvoices(String customerId, int limit) {
		return this.invoices.list(customerId, limit);
	}

	/**
	 * One call: {@code GET /v1/invoices/{id}}.
	 */
	@Override
	public Optional<Invoice> findInvoice(String invoiceId) {
		return this.invoices.find(invoiceId);
	}

	/**
	 * One call, {@code GET /v1/invoices/{id}}, and a download of its {@code invoice_pdf}
	 * (without the secret key).
	 */
	@Override
	public InvoiceDocument invoicePdf(String invoiceId) {
		return this.invoices.pdf(invoiceId);
	}

	/**
	 * One call: {@code POST /v1/invoices/{id}/pay}.
	 */
	@Override
	public Invoice payInvoice(String invoiceId, @Nullable String paymentMethodId, String idempotencyKey) {
		return this.invoices.pay(invoiceId, paymentMethodId, idempotencyKey);
	}

	/**
	 * One call: {@code GET /v1/customers/{id}/payment_methods}, every type.
	 */
	@Override
	public List<PaymentMethod> listPaymentMethods(String customerId) {
		return this.paymentMethods.list(customerId);
	}

	/**
	 * One call: {@code GET /v1/payment_methods/{id}}.
	 */
	@Override
	public Optional<PaymentMethod> findPaymentMethod(String paymentMethodId) {
		return this.paymentMethods.find(paymentMethodId);
	}

	/**
	 * Three calls (the payment method, the customer update, the customer's subscriptions)
	 * and one update per live subscription that names another payment method.
	 */
	@Override
	public Customer setDefaultPaymentMethod(String customerId, String paymentMethodId, String idempotencyKey) {
		return this.paymentMethods.setDefault(customerId, paymentMethodId, idempotencyKey);
	}

	/**
	 * Two calls: {@code GET /v1/payment_methods/{id}} to check it is the customer's, and
	 * {@code POST /v1/payment_methods/{id}/detach}.
	 */
	@Override
	public void detachPaymentMethod(String customerId, String paymentMethodId, String idempotencyKey) {
		this.paymentMethods.detach(customerId, paymentMethodId, idempotencyKey);
	}

	/**
	 * One call: {@code POST /v1/checkout/sessions}.
	 */
	@Override
	public CheckoutSession createCheckoutSession(CheckoutSessionRequest request, String idempotencyKey) {
		return this.checkout.create(request, idempotencyKey);
	}

	/**
	 * One call: {@code GET /v1/checkout/sessions/{id}} expanding line items, setup intent
	 * and subscription.
	 */
	@Override
	public Optional<CheckoutSession> findCheckoutSession(String sessionId) {
		return this.checkout.find(sessionId);
	}

	/**
	 * One call, {@code GET /v1/customers?limit=1}, not retried and waiting at most five
	 * seconds for the answer: a key Stripe refuses is {@code invalid_api_key}, a restricted
	 * key that may not read customers {@code insufficient_permissions}, a connection failure
	 * or timeout {@code unreachable}, a 429 {@code rate_limited}.
	 */
	@Override
	public ProviderStatus checkConnection() {
		return this.connectionCheck.check();
	}

}
