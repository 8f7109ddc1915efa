package io.recurportal.benchmarks.store;

import java.time.Instant;
import java.util.Optional;

import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessionStore;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.PortalTokens;

/**
 * Creates and redeems portal link tokens on a store exactly as {@link PortalSessions}
 * does, without the provider's customer lookup that {@link PortalSessions#create} makes
 * first (a Stripe call in production, which is not what is measured here): a random
 * token, its SHA-256 stored with a new session row, then the one conditional
 * {@code UPDATE} that redeems it and the read of the redeemed row.
 */
final class PortalLinkTokens {

	private final PortalSessionStore store;

	PortalLinkTokens(PortalSessionStore store) {
		this.store = store;
	}

	/**
	 * Creates a session and answers its link token, as {@code PortalSessions.create}.
	 * @return the token
	 */
	String create() {
		Instant now = Instant.now();
		String token = PortalTokens.generate();
		PortalSession session = new PortalSession(PortalTokens.id("portal_sess_"), "cus_bench", "acct_bench", "full",
				"https://app.example.com/account", null, true, now, now.plus(PortalSessions.DEFAULT_LINK_LIFETIME),
				null, null);
		this.store.create(session, PortalTokens.hash(token));
		return token;
	}

	/**
	 * Redeems a link token, as {@code PortalSessions.open}.
	 * @param token the token
	 * @return the opened session, or empty when it was redeemed already
	 */
	Optional<PortalSession> redeem(String token) {
		Instant now = Instant.now();
		String browserToken = PortalTokens.generate();
		return this.store.redeem(PortalTokens.hash(token), PortalTokens.hash(browserToken), now,
				now.plus(PortalSessions.BROWSER_SESSION_LIFETIME));
	}

}
