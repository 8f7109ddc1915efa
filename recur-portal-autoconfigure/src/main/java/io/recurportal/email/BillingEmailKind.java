package io.recurportal.email;

/**
 * The kinds of billing email the portal sends to a customer, each switched on or off by
 * {@code recur.portal.emails.<key>.enabled}.
 */
public enum BillingEmailKind {

	/** A subscription that was on hold, paused or set to cancel is active again. */
	SUBSCRIPTION_REACTIVATED("reactivated"),

	/** Charging an invoice failed: the customer is asked to update their payment method. */
	PAYMENT_FAILED("payment-failed"),

	/** A payment method was saved to the customer. */
	PAYMENT_METHOD_ADDED("payment-method-added"),

	/** A subscription ended. */
	SUBSCRIPTION_CANCELED("canceled"),

	/** A subscription was set to cancel at the end of its period. */
	SUBSCRIPTION_CANCEL_SCHEDULED("cancel-scheduled"),

	/** A subscription moved to another plan or billing interval. */
	PLAN_CHANGED("plan-changed");

	private final String key;

	BillingEmailKind(String key) {
		this.key = key;
	}

	/**
	 * The kind's name in properties, message keys and the sent-email store.
	 * @return the key, {@code payment-failed} for example
	 */
	public String key() {
		return this.key;
	}

}
