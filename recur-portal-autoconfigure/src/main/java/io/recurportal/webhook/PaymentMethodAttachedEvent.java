package io.recurportal.webhook;

/**
 * A payment method was saved to an account's customer, for example after the customer
 * updated their card.
 *
 * @param eventId the provider event this comes from
 * @param accountId the account
 * @param customerId the account's customer
 * @param paymentMethodId the payment method
 */
public record PaymentMethodAttachedEvent(String eventId, String accountId, String customerId,
		String paymentMethodId) implements PortalBillingEvent {

}
