package io.recurportal.webhook;

import io.recurportal.billing.Subscription;

/**
 * A subscription was set to cancel at the end of its period: it stays active until then.
 *
 * @param eventId the provider event this comes from
 * @param accountId the account
 * @param subscription the subscription as the provider has it now
 */
public record SubscriptionCancelScheduledEvent(String eventId, String accountId, Subscription subscription)
		implements PortalBillingEvent {

	/**
	 * The subscription's id.
	 * @return the id
	 */
	public String subscriptionId() {
		return this.subscription.id();
	}

}
