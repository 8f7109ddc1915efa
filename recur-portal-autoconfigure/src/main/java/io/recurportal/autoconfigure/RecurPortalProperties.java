package io.recurportal.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.configuration.PortalFeature;

/**
 * Configuration properties of the recur-portal starter.
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

	private final RoleMapping roleMapping = new RoleMapping();

	private final Web web = new Web();

	private final Sessions sessions = new Sessions();

	private final Api api = new Api();

	private final Security security = new Security();

	private final Login login = new Login();

	private final Mirror mirror = new Mirror();

	private final Health health = new Health();

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

	public Web getWeb() {
		return this.web;
	}

	public Sessions getSessions() {
		return this.sessions;
	}

	public RoleMapping getRoleMapping() {
		return this.roleMapping;
	}

	public Api getApi() {
		return this.api;
	}

	public Security getSecurity() {
		return this.security;
	}

	public PortalMode getMode() {
		return this.mode;
	}

	public void setMode(PortalMode mode) {
		this.mode = mode;
	}

	public Login getLogin() {
		return this.login;
	}

	public Mirror getMirror() {
		return this.mirror;
	}

	public Health getHealth() {
		return this.health;
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
	 * Which portal configuration each role gets.
	 */
	public static class RoleMapping {

		/**
		 * Role to configuration name. When a caller has several mapped roles, the entry
		 * listed first wins, so list the most privileged roles first.
		 */
		private Map<String, String> roles = new LinkedHashMap<>(Map.of("owner", "full"));

		/**
		 * Configuration name for callers none of whose roles is mapped.
		 */
		private String fallback = "invoices";

		public Map<String, String> getRoles() {
			return this.roles;
		}

		public void setRoles(Map<String, String> roles) {
			this.roles = roles;
		}

		public String getFallback() {
			return this.fallback;
		}

		public void setFallback(String fallback) {
			this.fallback = fallback;
		}

	}

	/**
	 * The account JSON API.
	 */
	public static class Api {

		/**
		 * Path prefix of the account JSON API.
		 */
		private String path = "/api/subscriptions";

		/**
		 * Path prefix of the server API for the host's backend ('/portal/sessions',
		 * '/customers/entitlements' below it), wire-compatible with Recur's.
		 */
		private String serverPath = "/v1";

		/**
		 * Portal secret keys the host's backend authenticates to the server API with, as a
		 * bearer token. With none, the server API refuses every request.
		 */
		private List<String> secretKeys = new ArrayList<>();

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public String getServerPath() {
			return this.serverPath;
		}

		public void setServerPath(String serverPath) {
			this.serverPath = serverPath;
		}

		public List<String> getSecretKeys() {
			return this.secretKeys;
		}

		public void setSecretKeys(List<String> secretKeys) {
			this.secretKeys = secretKeys;
		}

	}

	/**
	 * The hosted portal pages.
	 */
	public static class Web {

		/**
		 * Path prefix of the portal pages.
		 */
		private String path = "/portal";

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * Portal sessions created for customers.
	 */
	public static class Sessions {

		/**
		 * Portal configuration of a session whose request names none.
		 */
		private String defaultConfiguration = "full";

		public String getDefaultConfiguration() {
			return this.defaultConfiguration;
		}

		public void setDefaultConfiguration(String defaultConfiguration) {
			this.defaultConfiguration = defaultConfiguration;
		}

	}

	/**
	 * How callers are identified from their JWT.
	 */
	public static class Security {

		/**
		 * JWT claim naming the caller's account.
		 */
		private String accountClaim = "acc";

		/**
		 * JWT claim naming the user.
		 */
		private String userClaim = "sub";

		/**
		 * JWT claim with the caller's roles in the account, a string or an array.
		 */
		private String roleClaim = "role";

		/**
		 * Roles that may change billing: checkout, plan change, cancel, reactivate, pause,
		 * payment method, profile and sync.
		 */
		private Set<String> ownerRoles = new LinkedHashSet<>(Set.of("owner"));

		public String getAccountClaim() {
			return this.accountClaim;
		}

		public void setAccountClaim(String accountClaim) {
			this.accountClaim = accountClaim;
		}

		public String getUserClaim() {
			return this.userClaim;
		}

		public void setUserClaim(String userClaim) {
			this.userClaim = userClaim;
		}

		public String getRoleClaim() {
			return this.roleClaim;
		}

		public void setRoleClaim(String roleClaim) {
			this.roleClaim = roleClaim;
		}

		public Set<String> getOwnerRoles() {
			return this.ownerRoles;
		}

		public void setOwnerRoles(Set<String> ownerRoles) {
			this.ownerRoles = ownerRoles;
		}

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
	 * Signing in by email on the static {@code /portal/login} page.
	 */
	public static class Login {

		/**
		 * Whether customers may sign in by email at '/portal/login'. Needs a mail sender
		 * (spring.mail.*) unless the sandbox provider is in use, where links are logged.
		 */
		private boolean enabled = true;

		/**
		 * How long an emailed login link may be opened; at most 24 hours.
		 */
		private Duration linkTtl = Duration.ofMinutes(15);

		/**
		 * How many login links one email may ask for per window.
		 */
		private int maxPerEmail = 5;

		/**
		 * How many login links one client address may ask for per window.
		 */
		private int maxPerAddress = 20;

		/**
		 * The length of a rate-limit window.
		 */
		private Duration window = Duration.ofHours(1);

		/**
		 * The sender address of login and email change confirmation emails, 'Billing
		 * <billing@example.com>' for example. Required when emails are sent.
		 */
		private @Nullable String from;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getLinkTtl() {
			return this.linkTtl;
		}

		public void setLinkTtl(Duration linkTtl) {
			this.linkTtl = linkTtl;
		}

		public int getMaxPerEmail() {
			return this.maxPerEmail;
		}

		public void setMaxPerEmail(int maxPerEmail) {
			this.maxPerEmail = maxPerEmail;
		}

		public int getMaxPerAddress() {
			return this.maxPerAddress;
		}

		public void setMaxPerAddress(int maxPerAddress) {
			this.maxPerAddress = maxPerAddress;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public @Nullable String getFrom() {
			return this.from;
		}

		public void setFrom(@Nullable String from) {
			this.from = from;
		}

	}

	/**
	 * What the portal keeps of the provider's answers besides subscriptions.
	 */
	public static class Mirror {

		/**
		 * How long a customer's profile, default card and invoice history are shown without
		 * asking the provider again. Webhooks, owners' actions and syncs refresh them at
		 * once; this bounds how stale they get when a change reaches the portal by none of
		 * these (no webhook endpoint, say). Zero asks the provider on every view.
		 */
		private Duration timeToLive = Duration.ofMinutes(10);

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

	}

	/**
	 * The portal's Actuator health indicators.
	 */
	public static class Health {

		/**
		 * How long the billing provider's health is reused before the provider is asked
		 * again. Probes may come every few seconds and each check is a request the provider
		 * rate-limits; zero asks on every health request.
		 */
		private Duration providerCache = Duration.ofSeconds(30);

		public Duration getProviderCache() {
			return this.providerCache;
		}

		public void setProviderCache(Duration providerCache) {
			this.providerCache = providerCache;
		}

	}

}
