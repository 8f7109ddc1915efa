package io.recurportal.configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
	 * @param translations the name and headline in other languages, by language tag
	 * ({@code ja}, {@code zh-TW}); see {@link #in(Locale)}
	 */
	public record Branding(@Nullable String businessName, @Nullable String headline, @Nullable String logoUrl,
			@Nullable String primaryColor, @Nullable String termsOfServiceUrl, @Nullable String privacyPolicyUrl,
			Map<String, Translation> translations) {

		/** No branding: the portal's defaults. */
		public static final Branding NONE = new Branding(null, null, null, null, null, null);

		public Branding {
			Map<String, Translation> byTag = new LinkedHashMap<>();
			translations.forEach((tag, translation) -> byTag.put(normalize(tag), translation));
			translations = Map.copyOf(byTag);
		}

		/**
		 * Creates branding in one language.
		 * @param businessName the name shown in the header and on emails
		 * @param headline a line under the name
		 * @param logoUrl an absolute https URL of the logo
		 * @param primaryColor the accent colour as {@code #rrggbb}
		 * @param termsOfServiceUrl a link to the terms of service
		 * @param privacyPolicyUrl a link to the privacy policy
		 */
		public Branding(@Nullable String businessName, @Nullable String headline, @Nullable String logoUrl,
				@Nullable String primaryColor, @Nullable String termsOfServiceUrl, @Nullable String privacyPolicyUrl) {
			this(businessName, headline, logoUrl, primaryColor, termsOfServiceUrl, privacyPolicyUrl, Map.of());
		}

		/**
		 * This branding as a page in a language shows it: the translation of the language
		 * and region ({@code zh-TW}), else of the language ({@code zh}), fills in the name
		 * and headline; what it leaves out stays as configured.
		 * @param locale the page's language
		 * @return the branding in that language
		 */
		public Branding in(Locale locale) {
			Translation translation = this.translations.get(normalize(locale.toLanguageTag()));
			if (translation == null) {
				translation = this.translations.get(normalize(locale.getLanguage()));
			}
			if (translation == null) {
				return this;
			}
			return new Branding((translation.businessName() != null) ? translation.businessName() : this.businessName,
					(translation.headline() != null) ? translation.headline() : this.headline, this.logoUrl,
					this.primaryColor, this.termsOfServiceUrl, this.privacyPolicyUrl, this.translations);
		}

		// Properties may spell a tag zh_TW or zh-tw; a page's locale says zh-TW.
		private static String normalize(String tag) {
			return tag.replace('_', '-').toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * The business's name and headline in one language.
	 *
	 * @param businessName the name, or {@code null} to keep the configured one
	 * @param headline the headline, or {@code null} to keep the configured one
	 */
	public record Translation(@Nullable String businessName, @Nullable String headline) {

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
