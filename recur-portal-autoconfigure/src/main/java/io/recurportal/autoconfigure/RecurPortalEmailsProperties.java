package io.recurportal.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the billing emails sent to customers ({@code recur.portal.emails.*}).
 */
@ConfigurationProperties("recur.portal.emails")
public class RecurPortalEmailsProperties {

	/**
	 * Whether billing emails are sent to customers. They need a mail sender
	 * (spring.mail.*); without one, none are sent.
	 */
	private boolean enabled = true;

	/**
	 * The sender address of billing emails, 'Billing <billing@example.com>' for example.
	 * Defaults to recur.portal.login.from.
	 */
	private @Nullable String from;

	/**
	 * The portal configuration whose branding the emails carry and whose portal the
	 * payment-failed email's link opens. Defaults to
	 * recur.portal.sessions.default-configuration.
	 */
	private @Nullable String configuration;

	/**
	 * The language of customers whose preferred languages (Stripe's preferred_locales)
	 * include none the portal speaks: en, zh-TW, zh-CN, ja or th.
	 */
	private String defaultLocale = "en";

	/**
	 * How long the portal link in a payment-failed email may be opened; at most 24 hours.
	 */
	private Duration linkTtl = Duration.ofHours(24);

	/**
	 * How long sent emails are remembered, so that a redelivered provider event sends
	 * none again. Stripe redelivers for up to three days.
	 */
	private Duration retention = Duration.ofDays(30);

	/**
	 * The email sent when a subscription that was on hold, paused or set to cancel is
	 * active again.
	 */
	private final Kind reactivated = new Kind();

	/**
	 * The email sent when charging an invoice failed, with a link to update the payment
	 * method.
	 */
	private final Kind paymentFailed = new Kind();

	/**
	 * The email sent when a payment method was saved to the customer.
	 */
	private final Kind paymentMethodAdded = new Kind();

	/**
	 * The email sent when a subscription ended.
	 */
	private final Kind canceled = new Kind();

	/**
	 * The email sent when a subscription was set to cancel at the end of its period.
	 */
	private final Kind cancelScheduled = new Kind();

	/**
	 * The email sent when a subscription moved to another plan or billing interval.
	 */
	private final Kind planChanged = new Kind();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getFrom() {
		return this.from;
	}

	public void setFrom(@Nullable String from) {
		this.from = from;
	}

	public @Nullable String getConfiguration() {
		return this.configuration;
	}

	public void setConfiguration(@Nullable String configuration) {
		this.configuration = configuration;
	}

	public String getDefaultLocale() {
		return this.defaultLocale;
	}

	public void setDefaultLocale(String defaultLocale) {
		this.defaultLocale = defaultLocale;
	}

	public Duration getLinkTtl() {
		return this.linkTtl;
	}

	public void setLinkTtl(Duration linkTtl) {
		this.linkTtl = linkTtl;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public Kind getReactivated() {
		return this.reactivated;
	}

	public Kind getPaymentFailed() {
		return this.paymentFailed;
	}

	public Kind getPaymentMethodAdded() {
		return this.paymentMethodAdded;
	}

	public Kind getCanceled() {
		return this.canceled;
	}

	public Kind getCancelScheduled() {
		return this.cancelScheduled;
	}

	public Kind getPlanChanged() {
		return this.planChanged;
	}

	/**
	 * One kind of billing email.
	 */
	public static class Kind {

		/**
		 * Whether this email is sent.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
