package io.recurportal.email;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.PaymentMethod;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.session.PortalLinks;

/**
 * A billing email to deliver to a customer: what happened, in which language and with
 * which branding. A {@link BillingEmailSender} turns it into a message.
 *
 * @param kind what happened
 * @param eventId the provider event it comes from
 * @param to the customer's billing email
 * @param locale the customer's language, one the portal speaks
 * @param branding the branding of the portal configuration the email speaks for
 * @param planName the name of the subscription's plan, if the email concerns one
 * @param previousPlanName the plan before a plan change
 * @param date the date the email names: when a subscription renews, ends or ended
 * @param amount the amount the email names: a failed charge, or the new plan's price
 * @param paymentMethod the payment method that was added
 * @param portalUrl an absolute link that opens the portal for the customer, once; a
 * credential until it is opened
 */
public record BillingEmail(BillingEmailKind kind, String eventId, String to, Locale locale,
		PortalConfiguration.Branding branding, @Nullable String planName, @Nullable String previousPlanName,
		@Nullable Instant date, @Nullable Amount amount, @Nullable PaymentMethod paymentMethod,
		@Nullable String portalUrl) {

	@Override
	public String toString() {
		// Neither the address (personal data) nor the link (a credential).
		return "BillingEmail[kind=" + this.kind.key() + ", eventId=" + this.eventId + ", locale="
				+ this.locale.toLanguageTag() + ", portalUrl=" + PortalLinks.redact(this.portalUrl) + "]";
	}

	/**
	 * An amount of money.
	 *
	 * @param minorUnits the amount in the currency's minor unit
	 * @param currency the ISO 4217 code
	 */
	public record Amount(long minorUnits, String currency) {

	}

}
