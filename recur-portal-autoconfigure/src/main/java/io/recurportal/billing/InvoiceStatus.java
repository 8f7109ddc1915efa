package io.recurportal.billing;

import java.util.Locale;

/**
 * The states of an invoice, with Stripe's names.
 */
public enum InvoiceStatus {

	/** Being prepared; not yet owed. */
	DRAFT,

	/** Owed and not paid. */
	OPEN,

	/** Paid. */
	PAID,

	/** Cancelled; nothing is owed. */
	VOID,

	/** Written off as not collectable. */
	UNCOLLECTIBLE;

	/**
	 * The provider's wire value.
	 * @return the lower-case value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status for a provider's wire value.
	 * @param value the value, any case
	 * @return the status
	 * @throws IllegalArgumentException for an unknown value
	 */
	public static InvoiceStatus fromValue(String value) {
		return valueOf(value.trim().toUpperCase(Locale.ROOT));
	}

}
