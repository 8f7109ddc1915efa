package io.recurportal.billing;

/**
 * When a cancellation takes effect.
 */
public enum CancelTiming {

	/** At the end of the paid period; the customer keeps access until then and may reactivate. */
	PERIOD_END,

	/** Now; final. */
	IMMEDIATELY

}
