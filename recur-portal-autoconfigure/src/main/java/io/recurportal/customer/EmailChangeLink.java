package io.recurportal.customer;

import java.time.Duration;
import java.util.Locale;

import io.recurportal.configuration.PortalConfiguration;

/**
 * A one-time link, sent to a new billing email, that confirms the change to it. The URL
 * holds the only copy of the token: deliver it and forget it.
 *
 * @param email the new address, where it goes
 * @param url the absolute URL of the confirmation page
 * @param locale the language of the page the change was asked from
 * @param branding the branding of the portal configuration it was asked from
 * @param validFor how long the link may be used
 */
public record EmailChangeLink(String email, String url, Locale locale, PortalConfiguration.Branding branding,
		Duration validFor) {

	@Override
	public String toString() {
		// Never the URL: it is a credential.
		return "EmailChangeLink[locale=" + this.locale.toLanguageTag() + ", validFor=" + this.validFor + "]";
	}

}
