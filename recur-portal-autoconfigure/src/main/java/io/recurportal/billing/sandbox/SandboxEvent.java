package io.recurportal.billing.sandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.BillingEventType;

/**
 * A change the sandbox made, announced as a provider announces it with an event:
 * renewals, failed and successful charges, cancellations, pauses, new cards, completed
 * checkouts. Listen with {@link SandboxBillingGateway#setEventListener}.
 *
 * @param id a unique id ({@code evt_sbx_...})
 * @param type what happened, {@link BillingEventType#INVOICE_PAYMENT_FAILED} for example
 * @param created when it happened, on the sandbox clock
 * @param customerId the customer concerned
 * @param subscriptionId the subscription concerned, if any
 * @param invoiceId the invoice concerned, if any
 * @param paymentMethodId the payment method concerned, if any
 */
public record SandboxEvent(String id, BillingEventType type, Instant created, String customerId,
		@Nullable String subscriptionId, @Nullable String invoiceId, @Nullable String paymentMethodId) {

	/**
	 * Creates an event that concerns no payment method.
	 * @param id a unique id
	 * @param type what happened
	 * @param created when it happened
	 * @param customerId the customer concerned
	 * @param subscriptionId the subscription concerned, if any
	 * @param invoiceId the invoice concerned, if any
	 */
	public SandboxEvent(String id, BillingEventType type, Instant created, String customerId,
			@Nullable String subscriptionId, @Nullable String invoiceId) {
		this(id, type, created, customerId, subscriptionId, invoiceId, null);
	}

}
