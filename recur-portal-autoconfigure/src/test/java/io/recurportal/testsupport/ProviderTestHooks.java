package io.recurportal.testsupport;

import java.util.List;

/**
 * What the portal's behavioural suites need of a provider beyond its gateway, so each
 * suite runs unchanged against every provider: the test configuration of each provider
 * registers one as a bean.
 */
public interface ProviderTestHooks {

	/**
	 * The provider's name, as the portal shows it ({@code merchants[].provider}).
	 * @return the name
	 */
	String providerName();

	/**
	 * How many changes callers have made at the provider, not counting idempotent
	 * replays or calls that failed.
	 * @return the count
	 */
	long mutationCount();

	/**
	 * The objects the latest changes were made to, oldest first.
	 * @return the ids, one per change
	 */
	List<String> mutatedObjectIds();

	/**
	 * How the URL of a new checkout session starts: the provider's checkout page.
	 * @return the prefix, up to and including the id's {@code cs_}
	 */
	String checkoutUrlPrefix();

	/**
	 * Completes a checkout session with a good card, as the customer paying on the
	 * provider's page would.
	 * @param sessionId the session
	 */
	void completeCheckout(String sessionId);

	/**
	 * Runs a change whose events never reach the portal, as a dashboard change whose
	 * webhook is lost: only a sync can find it.
	 * @param change the change, made through the provider's gateway
	 */
	void withoutEvents(Runnable change);

}
