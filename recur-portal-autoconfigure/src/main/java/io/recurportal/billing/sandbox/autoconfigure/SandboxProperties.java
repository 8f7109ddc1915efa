package io.recurportal.billing.sandbox.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.recurportal.billing.sandbox.SandboxSeed;

/**
 * Configuration properties of the sandbox provider.
 */
@ConfigurationProperties("recur.portal.sandbox")
public class SandboxProperties {

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
