package io.recurportal.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the portal's Actuator health indicators ({@code recur.portal.health.*}).
 */
@ConfigurationProperties("recur.portal.health")
public class RecurPortalHealthProperties {

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
