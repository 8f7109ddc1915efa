package io.recurportal.billing;

/**
 * What a checkout session is for.
 */
public enum CheckoutMode {

	/** Start a subscription to a price, collecting the first payment. */
	SUBSCRIPTION,

	/** Save a new payment method without charging. */
	SETUP

}
