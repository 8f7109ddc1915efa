package io.recurportal.billing;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a provider's hosted customer portal should offer for one portal configuration,
 * in the provider's terms: the features, branding, cancellation and plan change options a
 * {@code PortalConfiguration} names, without the portal's own types, so a provider can
 * mirror the portal's configurations without depending on the portal.
 *
 * @param id the portal configuration's name, {@code full} for example
 * @param features what its users may see and do
 * @param branding how the portal looks
 * @param cancellation how cancelling works
 * @param planChange how switching plans works
 * @param defaultReturnUrl where "return" leads when a session names no return URL
 */
public record HostedPortalConfiguration(String id, Set<Feature> features, Branding branding,
		Cancellation cancellation, PlanChange planChange, @Nullable String defaultReturnUrl) {

	public HostedPortalConfiguration {
		Assert.hasText(id, "'id' must not be empty");
		features = Set.copyOf(features);
		Assert.notNull(branding, "'branding' must not be null");
		Assert.notNull(cancellation, "'cancellation' must not be null");
		Assert.notNull(planChange, "'planChange' must not be null");
	}

	/**
	 * Whether the configuration has a feature.
	 * @param feature the feature
	 * @return {@code true} when its users may use it
	 */
	public boolean allows(Feature feature) {
		return this.features.contains(feature);
	}

	/**
	 * A feature of the portal, named as the portal names it (its {@code toString()} is the
	 * portal's feature name, {@code payment-method-update} for example).
	 */
	public enum Feature {

		/** View subscriptions. */
		SUBSCRIPTION_VIEW("subscription-view"),

		/** View and download invoices. */
		INVOICE_HISTORY("invoice-history"),

		/** Add payment methods and choose the default. */
		PAYMENT_METHOD_UPDATE("payment-method-update"),

		/** Cancel subscriptions. */
		SUBSCRIPTION_CANCEL("subscription-cancel"),

		/** Switch subscriptions to another price. */
		SUBSCRIPTION_UPDATE("subscription-update"),

		/** Pause and resume subscriptions. */
		SUBSCRIPTION_PAUSE("subscription-pause"),

		/** Update the customer's email, name and address. */
		CUSTOMER_UPDATE("customer-update"),

		/** See the portal's license keys. */
		LICENSE_KEYS("license-keys");

		private final String value;

		Feature(String value) {
			this.value = value;
		}

		/**
		 * The portal's name of the feature.
		 * @return the name, {@code subscription-cancel} for example
		 */
		public String value() {
			return this.value;
		}

		@Override
		public String toString() {
			return this.value;
		}

	}

	/**
	 * How the portal looks.
	 *
	 * @param businessName the name shown in the header and on emails
	 * @param headline a line under the name
	 * @param logoUrl an absolute https URL of the logo
	 * @param primaryColor the accent colour as {@code #rrggbb}
	 * @param termsOfServiceUrl a link to the terms of service
	 * @param privacyPolicyUrl a link to the privacy policy
	 */
	public record Branding(@Nullable String businessName, @Nullable String headline, @Nullable String logoUrl,
			@Nullable String primaryColor, @Nullable String termsOfServiceUrl, @Nullable String privacyPolicyUrl) {

	}

	/**
	 * How cancelling works.
	 *
	 * @param mode whether a cancellation ends the subscription now or at period end
	 * @param reasons the reasons a customer may pick from (Stripe's feedback codes); empty
	 * to ask for none
	 */
	public record Cancellation(CancelTiming mode, List<String> reasons) {

		public Cancellation {
			reasons = List.copyOf(reasons);
		}

	}

	/**
	 * How switching plans works.
	 *
	 * @param prices the price ids a subscription may switch to; empty for every active price
	 * @param allowDowngrades whether a switch to a cheaper price (per year) is allowed
	 * @param prorationBehavior how the rest of the current period is charged
	 */
	public record PlanChange(List<String> prices, boolean allowDowngrades, ProrationBehavior prorationBehavior) {

		public PlanChange {
			prices = List.copyOf(prices);
		}

	}

}
