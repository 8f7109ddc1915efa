package io.recurportal.webhook;

import org.jspecify.annotations.Nullable;

/**
 * An invoice of an account was paid.
 *
 * @param eventId the provider event this comes from
 * @param accountId the account
 * @param customerId the account's customer
 * @param invoiceId the invoice
 * @param subscriptionId the subscription the invoice bills, if any
 */
public record PaymentSucceededEvent(String eventId, String accountId, String customerId, String invoiceId,
		@Nullable String subscriptionId) implements PortalBillingEvent {

}
