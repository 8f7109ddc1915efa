package io.recurportal.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
		 * Timeout for reading Stripe's answer.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

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
		 * How long a subscription may stay past due before it becomes unpaid.
		 */
		private Duration pastDueGracePeriod = Duration.ofDays(14);

		public @Nullable String getSeed() {
			return this.seed;
		}

		public void setSeed(@Nullable String seed) {
			this.seed = seed;
		}

		public Duration getPastDueGracePeriod() {
			return this.pastDueGracePeriod;
		}

		public void setPastDueGracePeriod(Duration pastDueGracePeriod) {
			this.pastDueGracePeriod = pastDueGracePeriod;
		}

	}

}
