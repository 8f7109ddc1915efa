package io.recurportal.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A portal session: a one-time link into the portal for one customer with one portal
 * configuration, and, once the link is opened, the browser session it started.
 *
 * @param id the session's public id ({@code portal_sess_...}), safe to log and show
 * @param customerId the customer the portal shows
 * @param accountId the host account of that customer, when known
 * @param configurationId the portal configuration the customer gets
 * @param returnUrl where the portal's return link leads, on an allowed origin
 * @param locale the language asked for, {@code ja} for example
 * @param owner whether the customer may change billing (a host may open a view-only portal)
 * @param createdAt when it was created
 * @param expiresAt until when the link may be opened
 * @param accessedAt when the link was opened, if it was; it opens once
 * @param browserExpiresAt until when the browser session started by opening it lasts
 */
public record PortalSession(String id, String customerId, @Nullable String accountId, String configurationId,
		@Nullable String returnUrl, @Nullable String locale, boolean owner, Instant createdAt, Instant expiresAt,
		@Nullable Instant accessedAt, @Nullable Instant browserExpiresAt) {

	/**
	 * Whether the session can still be used: its link has not been opened and has not
	 * expired, or the browser session it started is still live.
	 * @param now the time
	 * @return {@code true} when active
	 */
	public boolean isActive(Instant now) {
		if (this.accessedAt == null) {
			return now.isBefore(this.expiresAt);
		}
		return this.browserExpiresAt != null && now.isBefore(this.browserExpiresAt);
	}

	/**
	 * The session after its link was opened.
	 * @param at when
	 * @param browserExpiry until when the browser session lasts
	 * @return the redeemed session
	 */
	public PortalSession redeemed(Instant at, Instant browserExpiry) {
		return new PortalSession(this.id, this.customerId, this.accountId, this.configurationId, this.returnUrl,
				this.locale, this.owner, this.createdAt, this.expiresAt, at, browserExpiry);
	}

}
