package io.recurportal.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the portal's provider webhooks.
 */
@ConfigurationProperties("recur.portal.webhook")
public class RecurPortalWebhookProperties {

	/**
	 * Whether provider events are processed: Stripe's webhook endpoint, and the sandbox's
	 * events when the sandbox is the provider.
	 */
	private boolean enabled = true;

	/**
	 * Path of Stripe's webhook endpoint. It takes no JWT and no CSRF token: the
	 * signature authenticates each request.
	 */
	private String path = "/webhooks/stripe";

	/**
	 * Signing secrets of the Stripe webhook endpoint ('whsec_...'). A signature made with
	 * any of them is accepted, so a secret can be rolled without losing events. While
	 * none is set, the endpoint answers 503 and Stripe keeps retrying.
	 */
	private List<String> secrets = new ArrayList<>();

	/**
	 * How far from now a signature's timestamp may be, into the past or the future.
	 */
	private Duration tolerance = Duration.ofMinutes(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public List<String> getSecrets() {
		return this.secrets;
	}

	public void setSecrets(List<String> secrets) {
		this.secrets = secrets;
	}

	public Duration getTolerance() {
		return this.tolerance;
	}

	public void setTolerance(Duration tolerance) {
		this.tolerance = tolerance;
	}

}
