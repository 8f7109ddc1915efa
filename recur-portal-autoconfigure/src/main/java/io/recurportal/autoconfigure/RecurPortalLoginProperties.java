package io.recurportal.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of signing in by email on the static {@code /portal/login} page
 * ({@code recur.portal.login.*}).
 */
@ConfigurationProperties("recur.portal.login")
public class RecurPortalLoginProperties {

	/**
	 * Whether customers may sign in by email at '/portal/login'. When unset, it is on
	 * where links can be delivered: a mail sender (spring.mail.*) or a LoginLinkSender
	 * bean exists, or the sandbox provider logs them. 'true' requires a way to deliver
	 * them and fails at start-up without one.
	 */
	private @Nullable Boolean enabled;

	/**
	 * How long an emailed login link may be opened; at most 24 hours.
	 */
	private Duration linkTtl = Duration.ofMinutes(15);

	/**
	 * How many login links one email may ask for per window; also how many billing
	 * email changes one customer, and one new address, may ask for per window.
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

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
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
