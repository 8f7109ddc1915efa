package io.recurportal.billing;

/**
 * The states of a checkout session.
 */
public enum CheckoutStatus {

	/** Waiting for the customer. */
	OPEN,

	/** The customer finished it. */
	COMPLETE,

	/** It timed out unfinished. */
	EXPIRED

}
