package io.recurportal.subscription;

import io.recurportal.billing.Subscription;

/**
 * Told when an owner's action through the portal changed one of an account's
 * subscriptions at the provider, once the mirror holds the new state.
 */
@FunctionalInterface
public interface SubscriptionChangeListener {

	/**
	 * A subscription changed.
	 * @param accountId the account
	 * @param before the subscription before the action
	 * @param after the provider's state after it
	 */
	void changed(String accountId, Subscription before, Subscription after);

}
