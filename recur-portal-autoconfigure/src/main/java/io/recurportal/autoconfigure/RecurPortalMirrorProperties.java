package io.recurportal.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of what the portal keeps of the provider's answers besides subscriptions
 * ({@code recur.portal.mirror.*}).
 */
@ConfigurationProperties("recur.portal.mirror")
public class RecurPortalMirrorProperties {

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
