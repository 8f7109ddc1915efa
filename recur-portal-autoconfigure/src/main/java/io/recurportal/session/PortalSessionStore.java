package io.recurportal.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Where portal sessions live. Only hashes of the link token and of the browser token
 * are stored, never the tokens. In memory by default; JDBC when the host has a
 * {@code DataSource}, so several instances share sessions.
 */
public interface PortalSessionStore {

	/**
	 * Stores a new session.
	 * @param session the session, not yet opened
	 * @param tokenHash the hash of its link token
	 */
	void create(PortalSession session, String tokenHash);

	/**
	 * A session by its public id.
	 * @param id the id
	 * @return the session, if it exists
	 */
	Optional<PortalSession> findById(String id);

	/**
	 * A session by the hash of its link token, opened or not: to tell a customer whose
	 * link no longer works where to go back to.
	 * @param tokenHash the hash of the link token
	 * @return the session, if the token was ever issued
	 */
	Optional<PortalSession> findByTokenHash(String tokenHash);

	/**
	 * Opens a session's link, once: of any number of concurrent calls with the same
	 * token, across any number of instances, exactly one gets the session. The session
	 * is then bound to the browser token.
	 * @param tokenHash the hash of the link token
	 * @param browserTokenHash the hash of the new browser session's token
	 * @param now the time; the link must not have expired
	 * @param browserExpiresAt until when the browser session lasts
	 * @return the opened session, or empty when the token is unknown, used or expired
	 */
	Optional<PortalSession> redeem(String tokenHash, String browserTokenHash, Instant now, Instant browserExpiresAt);

	/**
	 * The live browser session of a browser token.
	 * @param browserTokenHash the hash of the browser token
	 * @param now the time
	 * @return the session, when the browser session exists and has not expired
	 */
	Optional<PortalSession> findByBrowserTokenHash(String browserTokenHash, Instant now);

	/**
	 * Ends a browser session now.
	 * @param browserTokenHash the hash of the browser token
	 */
	void endBrowserSession(String browserTokenHash);

	/**
	 * Removes sessions that can no longer be used; safe to run on several instances at once.
	 * @param before sessions whose link and browser session both ended before this
	 * @return how many were removed
	 */
	int deleteExpired(Instant before);

}
