package io.recurportal.webhook;

import io.recurportal.billing.Subscription;

/**
 * A subscription went on hold (past due or unpaid): a payment failed and the customer must update the payment method.
 *
 * @param eventId the provider event this comes from
 * @param accountId the account
 * @param subscription the subscription as the provider has it now
 */
public record SubscriptionOnHoldEvent(String eventId, String accountId, Subscription subscription)
		implements PortalBillingEvent {

	/**
	 * The subscription's id.
	 * @return the id
	 */
	public String subscriptionId() {
		return this.subscription.id();
	}

}
