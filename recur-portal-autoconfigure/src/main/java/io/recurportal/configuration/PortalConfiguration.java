package io.recurportal.configuration;

import java.time.Duration;
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
import io.recurportal.billing.RetentionCoupon;

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
 * @param quantity whether and how far customers may change a subscription's quantity
 * (seats)
 * @param pause how pausing works
 */
public record PortalConfiguration(String id, Set<PortalFeature> features, Branding branding,
		Cancellation cancellation, PlanChange planChange, @Nullable String defaultReturnUrl, Quantity quantity,
		Pause pause) {

	/** The name of the built-in configuration with every feature. */
	public static final String FULL = "full";

	/** The name of the built-in configuration that views subscriptions and invoices only. */
	public static final String INVOICES = "invoices";

	public PortalConfiguration {
		features = Set.copyOf(features);
	}

	/**
	 * A configuration whose customers cannot change quantities.
	 * @param id the configuration's name
	 * @param features what its users may see and do
	 * @param branding how the portal looks
	 * @param cancellation how cancelling works
	 * @param planChange how switching plans works
	 * @param defaultReturnUrl where "return" leads when a session names no return URL
	 */
	public PortalConfiguration(String id, Set<PortalFeature> features, Branding branding, Cancellation cancellation,
			PlanChange planChange, @Nullable String defaultReturnUrl) {
		this(id, features, branding, cancellation, planChange, defaultReturnUrl, Quantity.FIXED, Pause.UNTIL_RESUMED);
	}

	/**
	 * How pausing works.
	 *
	 * @param maxDuration how far ahead a customer may set the date a paused subscription
	 * resumes by itself; {@code null} to offer no date on the portal's pages, a pause
	 * then lasting until the customer resumes
	 */
	public record Pause(@Nullable Duration maxDuration) {

		/** No resume date offered: paused until the customer resumes. */
		public static final Pause UNTIL_RESUMED = new Pause(null);

		public Pause {
			if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
				throw new IllegalArgumentException("maxDuration must be positive, not " + maxDuration);
			}
		}

		/**
		 * Whether the customer may choose a date to resume on.
		 * @return {@code true} when a maximum duration is set
		 */
		public boolean offersResumeDate() {
			return this.maxDuration != null;
		}

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
	 * @param mode whether a cancellation ends the subscription now or at period end, and
	 * the timing offered first when the customer chooses
	 * @param reasons the reasons a customer may pick from (Stripe's feedback codes); empty
	 * to ask for none
	 * @param timingChoice whether the customer chooses between the end of the period and
	 * now
	 * @param retentionOffer the coupon offered once per subscription before it is
	 * cancelled, or {@code null} for no offer
	 */
	public record Cancellation(CancelTiming mode, List<String> reasons, boolean timingChoice,
			@Nullable RetentionCoupon retentionOffer) {

		/** Cancel at period end and offer Stripe's feedback reasons. */
		public static final Cancellation DEFAULT = new Cancellation(CancelTiming.PERIOD_END,
				List.of("too_expensive", "missing_features", "switched_service", "unused", "customer_service",
						"too_complex", "low_quality", "other"));

		public Cancellation {
			reasons = List.copyOf(reasons);
		}

		/**
		 * Cancellation with one timing, the customer choosing none.
		 * @param mode when a cancellation ends the subscription
		 * @param reasons the reasons a customer may pick from
		 */
		public Cancellation(CancelTiming mode, List<String> reasons) {
			this(mode, reasons, false);
		}

		/**
		 * Cancellation without a retention offer.
		 * @param mode when a cancellation ends the subscription
		 * @param reasons the reasons a customer may pick from
		 * @param timingChoice whether the customer chooses the timing
		 */
		public Cancellation(CancelTiming mode, List<String> reasons, boolean timingChoice) {
			this(mode, reasons, timingChoice, null);
		}

		/**
		 * Whether a cancellation may take effect at the given time. The end of the period
		 * is always allowed: it takes away nothing the customer paid for. Ending now
		 * needs the immediate mode or the customer's choice.
		 * @param timing when the cancellation takes effect
		 * @return {@code true} when the configuration allows it
		 */
		public boolean allows(CancelTiming timing) {
			return timing == CancelTiming.PERIOD_END || this.mode == CancelTiming.IMMEDIATELY || this.timingChoice;
		}

	}

	/**
	 * Whether customers may change how many of a price they pay for (seats), and within
	 * which bounds.
	 *
	 * @param enabled whether the quantity may be changed
	 * @param minimum the fewest, at least 1
	 * @param maximum the most, or {@code null} for no upper bound
	 */
	public record Quantity(boolean enabled, int minimum, @Nullable Integer maximum) {

		/** The quantity cannot be changed. */
		public static final Quantity FIXED = new Quantity(false, 1, null);

		public Quantity {
			if (minimum < 1) {
				throw new IllegalArgumentException("minimum must be at least 1, not " + minimum);
			}
			if (maximum != null && maximum < minimum) {
				throw new IllegalArgumentException(
						"maximum must not be less than the minimum (" + minimum + "), not " + maximum);
			}
		}

		/**
		 * Whether a quantity is within the bounds.
		 * @param quantity the quantity
		 * @return {@code true} when at least the minimum and at most the maximum
		 */
		public boolean allows(int quantity) {
			return quantity >= this.minimum && (this.maximum == null || quantity <= this.maximum);
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
