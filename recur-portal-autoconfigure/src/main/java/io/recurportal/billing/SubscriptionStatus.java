package io.recurportal.billing;

import java.util.Locale;

/**
 * The states of a subscription, with Stripe's names. {@link #PAST_DUE} and
 * {@link #UNPAID} are what portals call <em>on hold</em>: a payment failed and the
 * customer must update the payment method.
 */
public enum SubscriptionStatus {

	/** In a free trial; becomes active or past due when the trial ends. */
	TRIALING,

	/** Paid up. */
	ACTIVE,

	/** The latest invoice is unpaid and is being retried; on hold. */
	PAST_DUE,

	/** Retries are over and invoices stay unpaid; on hold. */
	UNPAID,

	/** Collection is paused: no invoices are charged until it resumes. */
	PAUSED,

	/** The first payment has not succeeded yet. */
	INCOMPLETE,

	/** The first payment never succeeded; final. */
	INCOMPLETE_EXPIRED,

	/** Ended; final. */
	CANCELED;

	/**
	 * The provider's wire value, {@code past_due} for example.
	 * @return the lower-case value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status for a provider's wire value.
	 * @param value the value, {@code past_due} for example, any case
	 * @return the status
	 * @throws IllegalArgumentException for an unknown value
	 */
	public static SubscriptionStatus fromValue(String value) {
		return valueOf(value.trim().toUpperCase(Locale.ROOT));
	}

	/**
	 * Whether a payment failed and the customer must act to keep the subscription.
	 * @return {@code true} for past due and unpaid
	 */
	public boolean isOnHold() {
		return this == PAST_DUE || this == UNPAID;
	}

	/**
	 * Whether the subscription grants its plan's entitlements.
	 * @return {@code true} for trialing and active
	 */
	public boolean isEntitled() {
		return this == TRIALING || this == ACTIVE;
	}

	/**
	 * Whether the subscription has ended for good.
	 * @return {@code true} for canceled and expired incomplete subscriptions
	 */
	public boolean isTerminal() {
		return this == CANCELED || this == INCOMPLETE_EXPIRED;
	}

}
