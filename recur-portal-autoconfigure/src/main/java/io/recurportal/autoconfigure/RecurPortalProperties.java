package io.recurportal.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.sandbox.SandboxSeed;
import io.recurportal.configuration.PortalFeature;

/**
 * Configuration properties of the recur-portal starter ({@code recur.portal.*}): whether
 * it is on, the provider, the portal configurations and where links lead. Each feature's
 * group has a class of its own, as Spring Boot's per-technology properties:
 * {@link RecurPortalWebProperties}, {@link RecurPortalApiProperties},
 * {@link RecurPortalSecurityProperties}, {@link RecurPortalRoleMappingProperties},
 * {@link RecurPortalSessionsProperties}, {@link RecurPortalLoginProperties},
 * {@link RecurPortalMirrorProperties}, {@link RecurPortalHealthProperties},
 * {@link RecurPortalJdbcProperties} and {@link RecurPortalWebhookProperties}.
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

	private final Stripe stripe = new Stripe();

	private final Sandbox sandbox = new Sandbox();

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

	public Stripe getStripe() {
		return this.stripe;
	}

	public Sandbox getSandbox() {
		return this.sandbox;
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

	/**
	 * Stripe provider settings.
	 */
	public static class Stripe {

		/**
		 * Stripe secret or restricted key ('sk_...' or 'rk_...'). Setting it selects the
		 * Stripe provider when 'recur.portal.billing' is 'auto'.
		 */
		private @Nullable String secretKey;

		/**
		 * Stripe publishable key ('pk_...'), handed to browsers by the merchants endpoint.
		 */
		private @Nullable String publishableKey;

		/**
		 * Base URL of Stripe's API. Change it only to reach a proxy or a local Stripe API
		 * double.
		 */
		private String apiBase = "https://api.stripe.com";

		/**
		 * How many times a request that failed on the network or with a retryable status
		 * is sent again, with the same idempotency key.
		 */
		private int maxNetworkRetries = 2;

		/**
		 * Timeout for connecting to Stripe.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Deadline of each try for Stripe's whole answer, headers and body: an answer that
		 * stalls, or a connection that stops answering, ends the try there.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * Longest one call to Stripe may take, all its tries and the waits between them
		 * included; a retry that would not fit is not made. Keep it well below the time a
		 * load balancer in front of the application waits for an answer.
		 */
		private Duration callTimeout = Duration.ofSeconds(20);

		public @Nullable String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(@Nullable String secretKey) {
			this.secretKey = secretKey;
		}

		public @Nullable String getPublishableKey() {
			return this.publishableKey;
		}

		public void setPublishableKey(@Nullable String publishableKey) {
			this.publishableKey = publishableKey;
		}

		public String getApiBase() {
			return this.apiBase;
		}

		public void setApiBase(String apiBase) {
			this.apiBase = apiBase;
		}

		public int getMaxNetworkRetries() {
			return this.maxNetworkRetries;
		}

		public void setMaxNetworkRetries(int maxNetworkRetries) {
			this.maxNetworkRetries = maxNetworkRetries;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getCallTimeout() {
			return this.callTimeout;
		}

		public void setCallTimeout(Duration callTimeout) {
			this.callTimeout = callTimeout;
		}

	}

	/**
	 * Sandbox provider settings.
	 */
	public static class Sandbox {

		/**
		 * Location of a JSON file with the sandbox's products, prices, customers and
		 * subscriptions. When unset, a small built-in catalog with no customers is used.
		 */
		private @Nullable String seed;

		/**
		 * The sandbox's products, prices, customers and subscriptions given as properties
		 * instead of a seed file; the same structure as the JSON file. Takes precedence
		 * over 'seed'.
		 */
		@NestedConfigurationProperty
		private @Nullable SandboxSeed data;

		/**
		 * How long a subscription may stay past due before it becomes unpaid.
		 */
		private Duration pastDueGracePeriod = Duration.ofDays(14);

		/**
		 * Base URL of the sandbox's own checkout page; a session's URL is this, '/' and
		 * the session id.
		 */
		private String checkoutUrl = "/portal/sandbox/checkout";

		public @Nullable String getSeed() {
			return this.seed;
		}

		public void setSeed(@Nullable String seed) {
			this.seed = seed;
		}

		public @Nullable SandboxSeed getData() {
			return this.data;
		}

		public void setData(@Nullable SandboxSeed data) {
			this.data = data;
		}

		public String getCheckoutUrl() {
			return this.checkoutUrl;
		}

		public void setCheckoutUrl(String checkoutUrl) {
			this.checkoutUrl = checkoutUrl;
		}

		public Duration getPastDueGracePeriod() {
			return this.pastDueGracePeriod;
		}

		public void setPastDueGracePeriod(Duration pastDueGracePeriod) {
			this.pastDueGracePeriod = pastDueGracePeriod;
		}

	}

}
