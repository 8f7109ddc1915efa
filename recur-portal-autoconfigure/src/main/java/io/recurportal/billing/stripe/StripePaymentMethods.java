package io.recurportal.billing.stripe;

import java.util.List;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.PaymentMethodDetachParams;
import com.stripe.param.SubscriptionUpdateParams;
import io.recurportal.billing.Customer;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * A customer's saved payment methods, which one pays, and removing one.
 */
final class StripePaymentMethods {

	static final long PAGE_SIZE = 100;

	private final StripeClient client;

	private final StripeModelMapper mapper;

	private final StripeErrorTranslator errors;

	private final StripeSubscriptions subscriptions;

	StripePaymentMethods(StripeClient client, StripeModelMapper mapper, StripeErrorTranslator errors,
			StripeSubscriptions subscriptions) {
		this.client = client;
		this.mapper = mapper;
		this.errors = errors;
		this.subscriptions = subscriptions;
	}

	/**
	 * One call: {@code GET /v1/customers/{id}/payment_methods?limit=100}, newest first,
	 * of every type: Checkout in setup mode saves what the merchant enabled (cards, SEPA
	 * and ACH debits, Link, wallets).
	 */
	List<PaymentMethod> list(String customerId) {
		CustomerPaymentMethodListParams params = CustomerPaymentMethodListParams.builder().setLimit(PAGE_SIZE).build();
		return this.errors
			.call(PortalErrorCode.CUSTOMER_NOT_FOUND,
					() -> this.client.v1().customers().paymentMethods().list(customerId, params))
			.getData()
			.stream()
			.filter((paymentMethod) -> paymentMethod.getCustomer() != null)
			.map(this.mapper::paymentMethod)
			.toList();
	}

	/** One call: {@code GET /v1/payment_methods/{id}}. One attached to no customer is not found. */
	Optional<PaymentMethod> find(String paymentMethodId) {
		return findStripe(paymentMethodId).map(this.mapper::paymentMethod);
	}

	private Optional<com.stripe.model.PaymentMethod> findStripe(String paymentMethodId) {
		return this.errors
			.find(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND,
					() -> this.client.v1().paymentMethods().retrieve(paymentMethodId))
			.filter((paymentMethod) -> paymentMethod.getCustomer() != null);
	}

	/**
	 * {@code GET /v1/payment_methods/{id}} to check it is the customer's;
	 * {@code POST /v1/customers/{id}} with
	 * {@code invoice_settings[default_payment_method]}; {@code GET /v1/subscriptions} of
	 * the customer; and {@code POST /v1/subscriptions/{id}} with
	 * {@code default_payment_method} for each live subscription that names another
	 * payment method (one that names none already pays with the customer's default). So
	 * three calls plus one per such subscription, each mutation with a key derived from
	 * the action's.
	 */
	Customer setDefault(String customerId, String paymentMethodId, String idempotencyKey) {
		findStripe(paymentMethodId).filter((paymentMethod) -> customerId.equals(paymentMethod.getCustomer()))
			.orElseThrow(() -> new PortalException(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND,
					"The payment method was not found"));
		CustomerUpdateParams customerParams = CustomerUpdateParams.builder()
			.setInvoiceSettings(
					CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(paymentMethodId).build())
			.build();
		com.stripe.model.Customer customer = this.errors.call(PortalErrorCode.CUSTOMER_NOT_FOUND,
				() -> this.client.v1()
					.customers()
					.update(customerId, customerParams, StripeIdempotencyKeys
						.requestOptions(StripeIdempotencyKeys.derive(idempotencyKey, "customer"))));
		for (com.stripe.model.Subscription subscription : this.subscriptions.listStripe(customerId)) {
			if (!SubscriptionStatus.fromValue(subscription.getStatus()).isTerminal()
					&& subscription.getDefaultPaymentMethod() != null
					&& !paymentMethodId.equals(subscription.getDefaultPaymentMethod())) {
				SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
					.setDefaultPaymentMethod(paymentMethodId)
					.build();
				String key = StripeIdempotencyKeys.derive(idempotencyKey, "subscription:" + subscription.getId());
				this.errors.call(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, () -> this.client.v1()
					.subscriptions()
					.update(subscription.getId(), params, StripeIdempotencyKeys.requestOptions(key)));
			}
		}
		return this.mapper.customer(customer);
	}

	/**
	 * {@code GET /v1/payment_methods/{id}} to check it is the customer's, then
	 * {@code POST /v1/payment_methods/{id}/detach} with a key derived from the action's.
	 */
	void detach(String customerId, String paymentMethodId, String idempotencyKey) {
		findStripe(paymentMethodId).filter((paymentMethod) -> customerId.equals(paymentMethod.getCustomer()))
			.orElseThrow(() -> new PortalException(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND,
					"The payment method was not found"));
		this.errors.call(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND,
				() -> this.client.v1()
					.paymentMethods()
					.detach(paymentMethodId, PaymentMethodDetachParams.builder().build(), StripeIdempotencyKeys
						.requestOptions(StripeIdempotencyKeys.derive(idempotencyKey, "detach"))));
	}

}
