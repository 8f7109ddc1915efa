package io.recurportal.webhook;

import io.recurportal.billing.Price;
import io.recurportal.billing.Subscription;

/**
 * A subscription moved to another price (plan or billing interval).
 *
 * @param eventId the provider event this comes from
 * @param accountId the account
 * @param previousPrice the price before the change
 * @param subscription the subscription as the provider has it now, on its new price
 */
public record SubscriptionPlanChangedEvent(String eventId, String accountId, Price previousPrice,
		Subscription subscription) implements PortalBillingEvent {

	/**
	 * The subscription's id.
	 * @return the id
	 */
	public String subscriptionId() {
		return this.subscription.id();
	}

}
