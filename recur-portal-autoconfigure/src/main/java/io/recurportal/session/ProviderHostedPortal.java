package io.recurportal.session;

import org.jspecify.annotations.Nullable;

/**
 * The provider's own billing portal, used instead of the portal's pages when
 * {@code recur.portal.mode=stripe-hosted}.
 */
@FunctionalInterface
public interface ProviderHostedPortal {

	/**
	 * Opens the provider's portal for a customer.
	 * @param customerId the customer
	 * @param configurationId the portal configuration whose provider twin to use
	 * @param returnUrl where the provider's portal leads back to, already checked
	 * @param flow a deep link ({@code payment_method_update}, {@code subscription_cancel},
	 * {@code subscription_update}), or {@code null} for the portal's home
	 * @param subscriptionId the subscription the deep link is about, when it is about one
	 * @param locale the language, or {@code null}
	 * @param idempotencyKey the key of this action
	 * @return the URL to send the customer to
	 */
	String open(String customerId, String configurationId, String returnUrl, @Nullable String flow,
			@Nullable String subscriptionId, @Nullable String locale, String idempotencyKey);

}
