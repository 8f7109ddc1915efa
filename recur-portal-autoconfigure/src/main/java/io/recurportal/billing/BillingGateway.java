package io.recurportal.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The one seam to the payment provider. The portal never talks to Stripe (or the
 * sandbox) any other way, so a host can replace the provider with a bean of this type.
 * <p>
 * Implementations are thread-safe. Lookups answer {@link Optional#empty()} for an id the
 * provider does not know. Failures are thrown as {@link io.recurportal.error.PortalException}
 * with a stable code: {@code payment_failed} when a card is declined,
 * {@code invalid_subscription_state} when the state forbids the action,
 * {@code idempotency_conflict} when a key is reused for another request,
 * {@code provider_unavailable} when the provider cannot be reached.
 * <p>
 * Every mutating call takes an idempotency key: the same key with the same arguments
 * changes nothing the second time and answers as the first time did, so a retry after a
 * timeout can never cancel, charge or switch twice.
 */
public interface BillingGateway {

	/**
	 * Which provider this is.
	 * @return the provider's name and public key
	 */
	ProviderInfo providerInfo();

	// Customers

	/**
	 * A customer by the provider's id.
	 * @param customerId the id
	 * @return the customer, if it exists
	 */
	Optional<Customer> findCustomer(String customerId);

	/**
	 * The customer of a host account.
	 * @param externalId the host's account id
	 * @return the customer, if the account has one
	 */
	Optional<Customer> findCustomerByExternalId(String externalId);

	/**
	 * The customer with a billing email, compared in
	 * {@link EmailAddresses#normalize(String) normal form}. When several customers share
	 * it, none is picked: an email alone does not say whose account it is.
	 * @param email the email
	 * @return the customer, if one has the email
	 * @throws io.recurportal.error.PortalException {@code customer_ambiguous} when
	 * several customers have the email
	 */
	Optional<Customer> findCustomerByEmail(String email);

	/**
	 * Creates the customer of an account.
	 * @param customer what to create
	 * @param idempotencyKey the key of this action
	 * @return the new customer
	 */
	Customer createCustomer(NewCustomer customer, String idempotencyKey);

	/**
	 * Replaces a customer's profile.
	 * @param customerId the customer
	 * @param update the new profile
	 * @param idempotencyKey the key of this action
	 * @return the updated customer
	 */
	Customer updateCustomer(String customerId, CustomerProfileUpdate update, String idempotencyKey);

	// Catalog

	/**
	 * The active recurring prices, with their products.
	 * @return the prices, cheapest first within a product
	 */
	List<Price> listPrices();

	/**
	 * A price by id, active or not.
	 * @param priceId the id
	 * @return the price, if it exists
	 */
	Optional<Price> findPrice(String priceId);

	// Subscriptions

	/**
	 * A customer's subscriptions in every status, newest first.
	 * @param customerId the customer
	 * @return the subscriptions
	 */
	List<Subscription> listSubscriptions(String customerId);

	/**
	 * A subscription by id.
	 * @param subscriptionId the id
	 * @return the subscription, if it exists
	 */
	Optional<Subscription> findSubscription(String subscriptionId);

	/**
	 * Cancels a subscription now or at the end of its period.
	 * @param subscriptionId the subscription
	 * @param timing when it ends
	 * @param reason why, as the customer said
	 * @param idempotencyKey the key of this action
	 * @return the subscription after the change
	 */
	Subscription cancel(String subscriptionId, CancelTiming timing, CancellationReason reason, String idempotencyKey);

	/**
	 * Undoes a cancellation at period end before the period ends.
	 * @param subscriptionId the subscription
	 * @param idempotencyKey the key of this action
	 * @return the subscription after the change
	 */
	Subscription reactivate(String subscriptionId, String idempotencyKey);

	/**
	 * Pauses collection: no invoice is charged while paused.
	 * @param subscriptionId the subscription
	 * @param resumesAt when to resume by itself, or {@code null} to stay paused until resumed
	 * @param idempotencyKey the key of this action
	 * @return the subscription after the change
	 */
	Subscription pause(String subscriptionId, @Nullable Instant resumesAt, String idempotencyKey);

	/**
	 * Resumes a paused subscription.
	 * @param subscriptionId the subscription
	 * @param idempotencyKey the key of this action
	 * @return the subscription after the change
	 */
	Subscription resume(String subscriptionId, String idempotencyKey);

	/**
	 * What moving a subscription to another price would cost, changing nothing.
	 * @param subscriptionId the subscription
	 * @param newPriceId the price to move to
	 * @param prorationBehavior how the rest of the period is charged
	 * @return the preview
	 */
	ProrationPreview previewPriceChange(String subscriptionId, String newPriceId, ProrationBehavior prorationBehavior);

	/**
	 * Moves a subscription to another price (another plan, or the same plan billed on
	 * another interval). A change of interval starts a new period now and invoices it at
	 * once. When an invoice made by the change cannot be paid, nothing changes and
	 * {@code payment_failed} is thrown.
	 * @param subscriptionId the subscription
	 * @param newPriceId the price to move to
	 * @param prorationBehavior how the rest of the period is charged
	 * @param idempotencyKey the key of this action
	 * @return the subscription after the change
	 */
	Subscription changePrice(String subscriptionId, String newPriceId, ProrationBehavior prorationBehavior,
			String idempotencyKey);

	/**
	 * What moving a subscription to a price and quantity (seats) would cost, changing
	 * nothing. The price may be the current one when only the quantity changes. A provider
	 * that cannot change quantities keeps this default, which previews price changes at
	 * the current quantity only.
	 * @param subscriptionId the subscription
	 * @param newPriceId the price to move to
	 * @param quantity how many of the price, at least 1
	 * @param prorationBehavior how the rest of the period is charged
	 * @return the preview
	 * @throws io.recurportal.error.PortalException {@code quantity_change_not_allowed}
	 * when the provider cannot change quantities and the quantity differs
	 */
	default ProrationPreview previewChange(String subscriptionId, String newPriceId, int quantity,
			ProrationBehavior prorationBehavior) {
		requireCurrentQuantity(subscriptionId, quantity);
		return previewPriceChange(subscriptionId, newPriceId, prorationBehavior);
	}

	/**
	 * Moves a subscription to a price and quantity (seats), as
	 * {@link #changePrice(String, String, ProrationBehavior, String)} does for the price.
	 * A provider that cannot change quantities keeps this default, which changes the
	 * price at the current quantity only.
	 * @param subscriptionId the subscription
	 * @param newPriceId the price to move to, the current one when only the quantity
	 * changes
	 * @param quantity how many of the price, at least 1
	 * @param prorationBehavior how the rest of the period is charged
	 * @param idempotencyKey the key of this action
	 * @return the subscription after the change
	 * @throws io.recurportal.error.PortalException {@code quantity_change_not_allowed}
	 * when the provider cannot change quantities and the quantity differs
	 */
	default Subscription change(String subscriptionId, String newPriceId, int quantity,
			ProrationBehavior prorationBehavior, String idempotencyKey) {
		requireCurrentQuantity(subscriptionId, quantity);
		return changePrice(subscriptionId, newPriceId, prorationBehavior, idempotencyKey);
	}

	private void requireCurrentQuantity(String subscriptionId, int quantity) {
		Subscription current = findSubscription(subscriptionId)
			.orElseThrow(() -> new io.recurportal.error.PortalException(
					io.recurportal.error.PortalErrorCode.SUBSCRIPTION_NOT_FOUND, "No such subscription."));
		if (current.quantity() != quantity) {
			throw new io.recurportal.error.PortalException(
					io.recurportal.error.PortalErrorCode.QUANTITY_CHANGE_NOT_ALLOWED,
					"This billing provider cannot change the quantity of a subscription.");
		}
	}

	// Retention offers

	/**
	 * The discount a retention coupon would give, so the customer can be told before
	 * cancelling. A provider that cannot apply retention offers keeps this default,
	 * which answers empty: no offer is then made.
	 * @param coupon the coupon of the offer
	 * @return the discount, or empty when the provider cannot apply this coupon
	 */
	default Optional<Discount> describeRetentionCoupon(RetentionCoupon coupon) {
		return Optional.empty();
	}

	/**
	 * Applies a retention offer's coupon to a subscription and records it as
	 * {@link RetentionOfferStatus#ACCEPTED}, in one change.
	 * @param subscriptionId the subscription
	 * @param coupon the coupon of the offer
	 * @param idempotencyKey the key of this action
	 * @return the subscription after the change, with its discount
	 */
	default Subscription applyRetentionOffer(String subscriptionId, RetentionCoupon coupon, String idempotencyKey) {
		throw new io.recurportal.error.PortalException(
				io.recurportal.error.PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE,
				"This billing provider cannot apply retention offers.");
	}

	/**
	 * Records how far a subscription's retention offer went, on the provider, so it is
	 * made once.
	 * @param subscriptionId the subscription
	 * @param status the status to record
	 * @param idempotencyKey the key of this action
	 * @return the subscription after the change
	 */
	default Subscription recordRetentionOffer(String subscriptionId, RetentionOfferStatus status,
			String idempotencyKey) {
		throw new io.recurportal.error.PortalException(
				io.recurportal.error.PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE,
				"This billing provider cannot record retention offers.");
	}

	// Invoices

	/**
	 * A customer's invoices, newest first.
	 * @param customerId the customer
	 * @param limit at most this many
	 * @return the invoices
	 */
	List<Invoice> listInvoices(String customerId, int limit);

	/**
	 * An invoice by id.
	 * @param invoiceId the id
	 * @return the invoice, if it exists
	 */
	Optional<Invoice> findInvoice(String invoiceId);

	/**
	 * The PDF of a finalized invoice.
	 * @param invoiceId the invoice
	 * @return the document
	 */
	InvoiceDocument invoicePdf(String invoiceId);

	/**
	 * Charges an open invoice, with a given payment method or the default one. When it
	 * is paid, an on-hold subscription it belongs to becomes active again.
	 * @param invoiceId the invoice
	 * @param paymentMethodId the payment method to charge, or {@code null} for the default
	 * @param idempotencyKey the key of this action
	 * @return the paid invoice
	 */
	Invoice payInvoice(String invoiceId, @Nullable String paymentMethodId, String idempotencyKey);

	// Payment methods

	/**
	 * A customer's saved payment methods, newest first.
	 * @param customerId the customer
	 * @return the payment methods
	 */
	List<PaymentMethod> listPaymentMethods(String customerId);

	/**
	 * A payment method by id.
	 * @param paymentMethodId the id
	 * @return the payment method, if it exists
	 */
	Optional<PaymentMethod> findPaymentMethod(String paymentMethodId);

	/**
	 * Makes a saved payment method the customer's default, and the default of the
	 * customer's live subscriptions.
	 * @param customerId the customer
	 * @param paymentMethodId one of the customer's payment methods
	 * @param idempotencyKey the key of this action
	 * @return the customer after the change
	 */
	Customer setDefaultPaymentMethod(String customerId, String paymentMethodId, String idempotencyKey);

	/**
	 * Removes a saved payment method from its customer, so it can never be charged again.
	 * The caller decides whether the customer may do without it; the gateway only checks
	 * that it is the customer's. The default refuses, for gateways written before
	 * payment methods could be removed.
	 * @param customerId the customer
	 * @param paymentMethodId one of the customer's payment methods
	 * @param idempotencyKey the key of this action
	 * @throws io.recurportal.error.PortalException {@code payment_method_not_found} when
	 * it is not the customer's
	 */
	default void detachPaymentMethod(String customerId, String paymentMethodId, String idempotencyKey) {
		throw new io.recurportal.error.PortalException(io.recurportal.error.PortalErrorCode.INVALID_REQUEST,
				"This billing provider cannot remove payment methods.");
	}

	// Checkout

	/**
	 * Creates a checkout session on the provider's page.
	 * @param request what it is for
	 * @param idempotencyKey the key of this action
	 * @return the open session with its URL
	 */
	CheckoutSession createCheckoutSession(CheckoutSessionRequest request, String idempotencyKey);

	/**
	 * A checkout session by id.
	 * @param sessionId the id
	 * @return the session, if it exists
	 */
	Optional<CheckoutSession> findCheckoutSession(String sessionId);

	// Operations

	/**
	 * Checks that the provider can be used: that it answers, and accepts the credentials
	 * the gateway is configured with. Meant for health checks, so it makes one cheap read
	 * and does not retry; callers should not ask more often than every few seconds.
	 * <p>
	 * Failures are answered, not thrown. The default answers
	 * {@link ProviderStatus.State#UNKNOWN}, so a host's gateway need not implement it.
	 * @return what the check found
	 */
	default ProviderStatus checkConnection() {
		return ProviderStatus.unknown("This billing gateway offers no connection check");
	}

}
