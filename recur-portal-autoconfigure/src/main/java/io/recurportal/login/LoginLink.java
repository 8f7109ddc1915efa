package io.recurportal.login;

import java.time.Duration;
import java.util.Locale;

import io.recurportal.configuration.PortalConfiguration;

/**
 * A one-time login link to deliver to a customer. The URL holds the only copy of the
 * token: deliver it and forget it.
 *
 * @param email where to send it
 * @param url the absolute URL that opens a portal session, once
 * @param locale the language of the page the customer asked from
 * @param branding the branding of the portal configuration the link opens
 * @param validFor how long the link may be opened
 */
public record LoginLink(String email, String url, Locale locale, PortalConfiguration.Branding branding,
		Duration validFor) {

	@Override
	public String toString() {
		// Never the URL: it is a credential.
		return "LoginLink[locale=" + this.locale.toLanguageTag() + ", validFor=" + this.validFor + "]";
	}

}
