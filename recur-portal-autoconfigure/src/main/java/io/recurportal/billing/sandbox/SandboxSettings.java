package io.recurportal.billing.sandbox;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the sandbox behaves where Stripe lets an account choose.
 *
 * @param pastDueGracePeriod how long a subscription stays past due, counted from its
 * first failed invoice, before it becomes unpaid
 * @param checkoutBaseUrl the URL of the sandbox's checkout page; a session's URL is this
 * followed by {@code /} and the session id
 */
public record SandboxSettings(Duration pastDueGracePeriod, String checkoutBaseUrl) {

	public SandboxSettings {
		Assert.notNull(pastDueGracePeriod, "'pastDueGracePeriod' must not be null");
		Assert.isTrue(!pastDueGracePeriod.isNegative(), "'pastDueGracePeriod' must not be negative");
		Assert.hasText(checkoutBaseUrl, "'checkoutBaseUrl' must not be empty");
	}

	/**
	 * The URL of a checkout session's page.
	 * @param sessionId the session
	 * @return the URL
	 */
	String checkoutUrl(String sessionId) {
		// One slash between base and id, whether or not the base ends with one.
		return this.checkoutBaseUrl + (this.checkoutBaseUrl.endsWith("/") ? "" : "/") + sessionId;
	}

}
