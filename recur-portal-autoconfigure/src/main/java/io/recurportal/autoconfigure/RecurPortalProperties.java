package io.recurportal.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.configuration.PortalFeature;

/**
 * Configuration properties of the recur-portal starter ({@code recur.portal.*}): whether
 * it is on, the provider, the portal configurations and where links lead. Each feature's
 * group has a class of its own, as Spring Boot's per-technology properties:
 * {@link RecurPortalWebProperties}, {@link RecurPortalApiProperties},
 * {@link RecurPortalSecurityProperties}, {@link RecurPortalRoleMappingProperties},
 * {@link RecurPortalSessionsProperties}, {@link RecurPortalLoginProperties},
 * {@link RecurPortalMirrorProperties}, {@link RecurPortalHealthProperties},
 * {@link RecurPortalJdbcProperties} and {@link RecurPortalWebhookProperties}; each provider's are
 * beside its auto-configuration.
 */
@ConfigurationProperties("recur.portal")
public class RecurPortalProperties {

	/**
	 * Whether the portal is enabled. When false the starter contributes no beans.
	 */
	private boolean enabled = true;

	/**
	 * Billing provider: 'stripe' when a Stripe secret key is set and 'sandbox' otherwise
	 * ('auto'), or always the one named.
	 */
	private BillingProviderType billing = BillingProviderType.AUTO;

	/**
	 * Where customers manage billing: the portal's own pages ('embedded'), or Stripe's
	 * hosted billing portal with configurations kept in sync from this application's
	 * ('stripe-hosted'; needs the Stripe provider).
	 */
	private PortalMode mode = PortalMode.EMBEDDED;

	/**
	 * Origins (scheme, host and port, like 'https://app.example.com') that return, success
	 * and cancel URLs may point to. A URL on any other origin is refused.
	 */
	private List<String> allowedReturnOrigins = new ArrayList<>();

	/**
	 * Portal configurations by name: features, branding and options. The built-in 'full'
	 * and 'invoices' exist without any property and are replaced by entries of the same
	 * name.
	 */
	private Map<String, Configuration> configurations = new LinkedHashMap<>();

	/**
	 * Public base URL of this application (with any context path), like
	 * 'https://app.example.com', the origin of every link the portal sends out: emailed
	 * login links, session URLs, card-update return URLs. Never taken from a request's
	 * Host header. Required for email login, except on the sandbox, whose links are on
	 * its own loopback port; otherwise, when unset, links are relative.
	 */
	private @Nullable String baseUrl;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public BillingProviderType getBilling() {
		return this.billing;
	}

	public void setBilling(BillingProviderType billing) {
		this.billing = billing;
	}

	public List<String> getAllowedReturnOrigins() {
		return this.allowedReturnOrigins;
	}

	public void setAllowedReturnOrigins(List<String> allowedReturnOrigins) {
		this.allowedReturnOrigins = allowedReturnOrigins;
	}

	public Map<String, Configuration> getConfigurations() {
		return this.configurations;
	}

	public void setConfigurations(Map<String, Configuration> configurations) {
		this.configurations = configurations;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public PortalMode getMode() {
		return this.mode;
	}

	public void setMode(PortalMode mode) {
		this.mode = mode;
	}

	/**
	 * The billing providers the portal can use.
	 */
	public enum BillingProviderType {

		/** Stripe when a secret key is set, else the sandbox. */
		AUTO,

		/** Stripe; a secret key is required. */
		STRIPE,

		/** The embedded in-memory sandbox. */
		SANDBOX

	}

	/**
	 * A portal configuration: what its users may see and do, and how the portal looks.
	 */
	public static class Configuration {

		/**
		 * Features of the configuration. When unset, a configuration named like a
		 * built-in one keeps the built-in features and any other has none.
		 */
		private @Nullable Set<PortalFeature> features;

		/**
		 * Where the portal's return link leads when a session names no return URL.
		 */
		private @Nullable String defaultReturnUrl;

		private final Branding branding = new Branding();

		private final Cancellation cancellation = new Cancellation();

		private final PlanChange planChange = new PlanChange();

		private final Quantity quantity = new Quantity();

		private final Pause pause = new Pause();

		public @Nullable Set<PortalFeature> getFeatures() {
			return this.features;
		}

		public void setFeatures(@Nullable Set<PortalFeature> features) {
			this.features = features;
		}

		public @Nullable String getDefaultReturnUrl() {
			return this.defaultReturnUrl;
		}

		public void setDefaultReturnUrl(@Nullable String defaultReturnUrl) {
			this.defaultReturnUrl = defaultReturnUrl;
		}

		public Branding getBranding() {
			return this.branding;
		}

		public Cancellation getCancellation() {
			return this.cancellation;
		}

		public PlanChange getPlanChange() {
			return this.planChange;
		}

		public Quantity getQuantity() {
			return this.quantity;
		}

		public Pause getPause() {
			return this.pause;
		}

	}

	/**
	 * How pausing works in a configuration.
	 */
	public static class Pause {

		/**
		 * How far ahead a customer may set the date a paused subscription resumes by
		 * itself. When set, the pause confirmation offers a date up to this far away; when
		 * unset, none is offered and a pause lasts until the customer resumes. A date
		 * given through the API must be in the future and, when set, within it.
		 */
		private @Nullable Duration maxDuration;

		public @Nullable Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(@Nullable Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

	}

	/**
	 * Whether customers of a configuration may change a subscription's quantity (seats).
	 * Changing it needs the {@code subscription-update} feature as well.
	 */
	public static class Quantity {

		/**
		 * Whether customers may change the quantity of their subscriptions.
		 */
		private boolean enabled;

		/**
		 * The fewest a customer may choose, at least 1.
		 */
		private int minimum = 1;

		/**
		 * The most a customer may choose. Unset for no upper bound.
		 */
		private @Nullable Integer maximum;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMinimum() {
			return this.minimum;
		}

		public void setMinimum(int minimum) {
			this.minimum = minimum;
		}

		public @Nullable Integer getMaximum() {
			return this.maximum;
		}

		public void setMaximum(@Nullable Integer maximum) {
			this.maximum = maximum;
		}

	}

	/**
	 * How a configuration's portal looks.
	 */
	public static class Branding {

		/**
		 * Business name shown in the portal header and on emails.
		 */
		private @Nullable String businessName;

		/**
		 * A line shown under the business name.
		 */
		private @Nullable String headline;

		/**
		 * Absolute http(s) URL of the logo.
		 */
		private @Nullable String logoUrl;

		/**
		 * Accent colour as '#rrggbb'.
		 */
		private @Nullable String primaryColor;

		/**
		 * Link to the terms of service.
		 */
		private @Nullable String termsOfServiceUrl;

		/**
		 * Link to the privacy policy.
		 */
		private @Nullable String privacyPolicyUrl;

		/**
		 * The business name and headline in other languages, by language tag: 'ja',
		 * 'zh-TW' (or 'zh' for both Chinese scripts), 'th'. A page in a language without
		 * one shows the name and headline above.
		 */
		private final Map<String, Translation> translations = new LinkedHashMap<>();

		public Map<String, Translation> getTranslations() {
			return this.translations;
		}

		public @Nullable String getBusinessName() {
			return this.businessName;
		}

		public void setBusinessName(@Nullable String businessName) {
			this.businessName = businessName;
		}

		public @Nullable String getHeadline() {
			return this.headline;
		}

		public void setHeadline(@Nullable String headline) {
			this.headline = headline;
		}

		public @Nullable String getLogoUrl() {
			return this.logoUrl;
		}

		public void setLogoUrl(@Nullable String logoUrl) {
			this.logoUrl = logoUrl;
		}

		public @Nullable String getPrimaryColor() {
			return this.primaryColor;
		}

		public void setPrimaryColor(@Nullable String primaryColor) {
			this.primaryColor = primaryColor;
		}

		public @Nullable String getTermsOfServiceUrl() {
			return this.termsOfServiceUrl;
		}

		public void setTermsOfServiceUrl(@Nullable String termsOfServiceUrl) {
			this.termsOfServiceUrl = termsOfServiceUrl;
		}

		public @Nullable String getPrivacyPolicyUrl() {
			return this.privacyPolicyUrl;
		}

		public void setPrivacyPolicyUrl(@Nullable String privacyPolicyUrl) {
			this.privacyPolicyUrl = privacyPolicyUrl;
		}

	}

	/**
	 * A business name and headline in one language.
	 */
	public static class Translation {

		/**
		 * The business name in this language.
		 */
		private @Nullable String businessName;

		/**
		 * The headline in this language.
		 */
		private @Nullable String headline;

		public @Nullable String getBusinessName() {
			return this.businessName;
		}

		public void setBusinessName(@Nullable String businessName) {
			this.businessName = businessName;
		}

		public @Nullable String getHeadline() {
			return this.headline;
		}

		public void setHeadline(@Nullable String headline) {
			this.headline = headline;
		}

	}

	/**
	 * How cancelling works in a configuration.
	 */
	public static class Cancellation {

		/**
		 * Whether a cancellation ends the subscription at the end of the paid period or
		 * immediately.
		 */
		private CancelTiming mode = CancelTiming.PERIOD_END;

		/**
		 * Reasons a customer may pick when cancelling (Stripe's feedback codes). When
		 * unset, all of Stripe's codes are offered; an empty list asks for none.
		 */
		private @Nullable List<String> reasons;

		/**
		 * Whether the customer chooses between ending at the end of the paid period and
		 * ending now, the mode being the choice offered first. Without it, the portal's
		 * pages offer the mode only.
		 */
		private boolean timingChoice;

		/**
		 * A discount offered once per subscription before a cancellation goes through.
		 */
		private final RetentionOffer retentionOffer = new RetentionOffer();

		public RetentionOffer getRetentionOffer() {
			return this.retentionOffer;
		}

		public boolean isTimingChoice() {
			return this.timingChoice;
		}

		public void setTimingChoice(boolean timingChoice) {
			this.timingChoice = timingChoice;
		}

		public CancelTiming getMode() {
			return this.mode;
		}

		public void setMode(CancelTiming mode) {
			this.mode = mode;
		}

		public @Nullable List<String> getReasons() {
			return this.reasons;
		}

		public void setReasons(@Nullable List<String> reasons) {
			this.reasons = reasons;
		}

	}

	/**
	 * The discount offered before a cancellation: a provider coupon, or a percentage off
	 * for some months. Unset, there is no offer.
	 */
	public static class RetentionOffer {

		/**
		 * The id of an existing coupon of the provider (Stripe) to apply.
		 */
		private @Nullable String coupon;

		/**
		 * A percentage off, 1 to 100, instead of a coupon id.
		 */
		private @Nullable Integer percentOff;

		/**
		 * For how many months the percentage off applies.
		 */
		private @Nullable Integer durationInMonths;

		public @Nullable String getCoupon() {
			return this.coupon;
		}

		public void setCoupon(@Nullable String coupon) {
			this.coupon = coupon;
		}

		public @Nullable Integer getPercentOff() {
			return this.percentOff;
		}

		public void setPercentOff(@Nullable Integer percentOff) {
			this.percentOff = percentOff;
		}

		public @Nullable Integer getDurationInMonths() {
			return this.durationInMonths;
		}

		public void setDurationInMonths(@Nullable Integer durationInMonths) {
			this.durationInMonths = durationInMonths;
		}

	}

	/**
	 * How switching plans works in a configuration.
	 */
	public static class PlanChange {

		/**
		 * Price ids a subscription may switch to. Empty for every active price.
		 */
		private List<String> prices = new ArrayList<>();

		/**
		 * Whether switching to a cheaper price (compared per year) is allowed.
		 */
		private boolean allowDowngrades = true;

		/**
		 * How the rest of the current period is charged when switching.
		 */
		private ProrationBehavior prorationBehavior = ProrationBehavior.CREATE_PRORATIONS;

		public List<String> getPrices() {
			return this.prices;
		}

		public void setPrices(List<String> prices) {
			this.prices = prices;
		}

		public boolean isAllowDowngrades() {
			return this.allowDowngrades;
		}

		public void setAllowDowngrades(boolean allowDowngrades) {
			this.allowDowngrades = allowDowngrades;
		}

		public ProrationBehavior getProrationBehavior() {
			return this.prorationBehavior;
		}

		public void setProrationBehavior(ProrationBehavior prorationBehavior) {
			this.prorationBehavior = prorationBehavior;
		}

	}

	/**
	 * Where customers manage billing.
	 */
	public enum PortalMode {

		/** The portal's own pages under {@code /portal}. */
		EMBEDDED,

		/** Stripe's hosted billing portal. */
		STRIPE_HOSTED

	}

}
