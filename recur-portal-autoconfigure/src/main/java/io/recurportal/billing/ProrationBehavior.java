package io.recurportal.billing;

/**
 * How a plan change mid-period is charged, with Stripe's meaning.
 */
public enum ProrationBehavior {

	/** Credit unused time and charge the remaining time on the next invoice. */
	CREATE_PRORATIONS,

	/** Credit unused time and charge the remaining time on an invoice paid now. */
	ALWAYS_INVOICE,

	/** No credit or charge for the rest of the period. */
	NONE

}
