package io.recurportal.billing;

/**
 * What a provider event says happened, in the portal's terms. Each provider's event
 * source maps its own notifications onto these; the provider's names stay inside it.
 */
public enum BillingEventType {

	/** A subscription was created. */
	SUBSCRIPTION_CREATED("subscription.created"),

	/** A subscription changed. */
	SUBSCRIPTION_UPDATED("subscription.updated"),

	/** A subscription ended. */
	SUBSCRIPTION_DELETED("subscription.deleted"),

	/** A subscription's collection was paused. */
	SUBSCRIPTION_PAUSED("subscription.paused"),

	/** A paused subscription resumed. */
	SUBSCRIPTION_RESUMED("subscription.resumed"),

	/** An invoice was paid. */
	INVOICE_PAID("invoice.paid"),

	/** Charging an invoice failed. */
	INVOICE_PAYMENT_FAILED("invoice.payment_failed"),

	/** An invoice was finalized and can be paid. */
	INVOICE_FINALIZED("invoice.finalized"),

	/** A customer's profile or metadata changed. */
	CUSTOMER_UPDATED("customer.updated"),

	/** A payment method was saved to a customer. */
	PAYMENT_METHOD_ATTACHED("payment_method.attached"),

	/** A payment method was removed from a customer. */
	PAYMENT_METHOD_DETACHED("payment_method.detached"),

	/** A customer completed a checkout. */
	CHECKOUT_COMPLETED("checkout.completed");

	private final String value;

	BillingEventType(String value) {
		this.value = value;
	}

	/**
	 * The portal's name of the type, for providers without names of their own.
	 * @return the name, {@code invoice.paid} for example
	 */
	public String value() {
		return this.value;
	}

}
