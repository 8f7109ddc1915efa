package io.recurportal.configuration;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.HostedPortalConfiguration;
import io.recurportal.billing.ProrationBehavior;

/**
 * A named set of portal features with branding and options, like a Stripe billing-portal
 * configuration. Each caller gets one, chosen from their roles by a
 * {@link PortalConfigurationResolver}.
 *
 * @param id the configuration's name, {@code full} for example
 * @param features what its users may see and do
 * @param branding how the portal looks
 * @param cancellation how cancelling works
 * @param planChange how switching plans works
 * @param defaultReturnUrl where "return" leads when a session names no return URL
 */
public record PortalConfiguration(String id, Set<PortalFeature> features, Branding branding,
		Cancellation cancellation, PlanChange planChange, @Nullable String defaultReturnUrl) {

	/** The name of the built-in configuration with every feature. */
	public static final String FULL = "full";

	/** The name of the built-in configuration that views subscriptions and invoices only. */
	public static final String INVOICES = "invoices";

	public PortalConfiguration {
		features = Set.copyOf(features);
	}

	/**
	 * Whether the configuration has a feature.
	 * @param feature the feature
	 * @return {@code true} when its users may use it
	 */
	public boolean allows(PortalFeature feature) {
		return this.features.contains(feature);
	}

	/**
	 * What a provider's hosted portal should offer for this configuration: the same, in
	 * the provider's terms ({@code billing} knows nothing of the portal's configurations).
	 * @return the configuration for the hosted portal
	 */
	public HostedPortalConfiguration hostedPortal() {
		return new HostedPortalConfiguration(this.id,
				this.features.stream().map(PortalConfiguration::hostedPortalFeature).collect(Collectors.toSet()),
				new HostedPortalConfiguration.Branding(this.branding.businessName(), this.branding.headline(),
						this.branding.logoUrl(), this.branding.primaryColor(), this.branding.termsOfServiceUrl(),
						this.branding.privacyPolicyUrl()),
				new HostedPortalConfiguration.Cancellation(this.cancellation.mode(), this.cancellation.reasons()),
				new HostedPortalConfiguration.PlanChange(this.planChange.prices(), this.planChange.allowDowngrades(),
						this.planChange.prorationBehavior()),
				this.defaultReturnUrl);
	}

	private static HostedPortalConfiguration.Feature hostedPortalFeature(PortalFeature feature) {
		// A switch, not valueOf: a new portal feature does not compile until it is mapped.
		return switch (feature) {
			case SUBSCRIPTION_VIEW -> HostedPortalConfiguration.Feature.SUBSCRIPTION_VIEW;
			case INVOICE_HISTORY -> HostedPortalConfiguration.Feature.INVOICE_HISTORY;
			case PAYMENT_METHOD_UPDATE -> HostedPortalConfiguration.Feature.PAYMENT_METHOD_UPDATE;
			case SUBSCRIPTION_CANCEL -> HostedPortalConfiguration.Feature.SUBSCRIPTION_CANCEL;
			case SUBSCRIPTION_UPDATE -> HostedPortalConfiguration.Feature.SUBSCRIPTION_UPDATE;
			case SUBSCRIPTION_PAUSE -> HostedPortalConfiguration.Feature.SUBSCRIPTION_PAUSE;
			case CUSTOMER_UPDATE -> HostedPortalConfiguration.Feature.CUSTOMER_UPDATE;
			case LICENSE_KEYS -> HostedPortalConfiguration.Feature.LICENSE_KEYS;
		};
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

		/** No branding: the portal's defaults. */
		public static final Branding NONE = new Branding(null, null, null, null, null, null);

	}

	/**
	 * How cancelling works.
	 *
	 * @param mode whether a cancellation ends the subscription now or at period end
	 * @param reasons the reasons a customer may pick from (Stripe's feedback codes); empty
	 * to ask for none
	 */
	public record Cancellation(CancelTiming mode, List<String> reasons) {

		/** Cancel at period end and offer Stripe's feedback reasons. */
		public static final Cancellation DEFAULT = new Cancellation(CancelTiming.PERIOD_END,
				List.of("too_expensive", "missing_features", "switched_service", "unused", "customer_service",
						"too_complex", "low_quality", "other"));

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

		/** Any active price, downgrades allowed, prorations on the next invoice. */
		public static final PlanChange DEFAULT = new PlanChange(List.of(), true, ProrationBehavior.CREATE_PRORATIONS);

		public PlanChange {
			prices = List.copyOf(prices);
		}

		/**
		 * Whether a price may be switched to, as far as the list of prices goes.
		 * @param priceId the price
		 * @return {@code true} when the list is empty or names it
		 */
		public boolean offers(String priceId) {
			return this.prices.isEmpty() || this.prices.contains(priceId);
		}

	}

}
