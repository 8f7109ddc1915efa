package io.recurportal.billing.stripe;

import org.springframework.util.Assert;

/**
 * A session of Stripe's hosted customer portal: send the customer to its URL.
 *
 * @param id Stripe's id of the session ({@code bps_...})
 * @param url the short-lived URL of the portal, on Stripe's domain
 */
public record HostedPortalSession(String id, String url) {

	public HostedPortalSession {
		Assert.hasText(id, "'id' must not be empty");
		Assert.hasText(url, "'url' must not be empty");
	}

}
