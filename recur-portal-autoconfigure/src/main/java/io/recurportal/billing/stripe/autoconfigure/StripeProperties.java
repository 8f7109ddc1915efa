package io.recurportal.billing.stripe.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Stripe provider.
 */
@ConfigurationProperties("recur.portal.stripe")
public class StripeProperties {

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
