package io.recurportal.billing.sandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A change the sandbox made, announced as Stripe would announce it with a webhook event:
 * renewals, failed and successful charges, cancellations, pauses, new cards, completed
 * checkouts. Listen with {@link SandboxBillingGateway#setEventListener}.
 *
 * @param id a unique id ({@code evt_sbx_...})
 * @param type the type in Stripe's names, {@code invoice.payment_failed} for example
 * @param created when it happened, on the sandbox clock
 * @param customerId the customer concerned
 * @param subscriptionId the subscription concerned, if any
 * @param invoiceId the invoice concerned, if any
 */
public record SandboxEvent(String id, String type, Instant created, String customerId,
		@Nullable String subscriptionId, @Nullable String invoiceId) {

}
