package io.recurportal.session;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a host asks for when it opens the portal for a customer. The customer is
 * identified by the first of {@code customerId}, {@code externalId} and {@code email}
 * that is given.
 *
 * @param customerId the provider's customer id
 * @param externalId the host's account id
 * @param email the customer's billing email
 * @param returnUrl where the portal's return link leads; required unless the
 * configuration has a default
 * @param configurationId the portal configuration; the default one when {@code null}
 * @param locale the language, {@code ja} for example; the browser's when {@code null}
 * @param expiresIn how long the link may be opened; 1 hour when {@code null}, at most 24 hours
 * @param owner whether the customer may change billing, or only look
 */
public record PortalSessionRequest(@Nullable String customerId, @Nullable String externalId, @Nullable String email,
		@Nullable String returnUrl, @Nullable String configurationId, @Nullable String locale,
		@Nullable Duration expiresIn, boolean owner) {

	/**
	 * A request for a customer by id, with every other option at its default.
	 * @param customerId the provider's customer id
	 * @param returnUrl where the portal's return link leads
	 * @return the request
	 */
	public static PortalSessionRequest forCustomer(String customerId, @Nullable String returnUrl) {
		return new PortalSessionRequest(customerId, null, null, returnUrl, null, null, null, true);
	}

}
