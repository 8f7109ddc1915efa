package io.recurportal.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * Portal sessions in the host's database, so every instance behind a load balancer
 * sees the same sessions. Redeeming a link is one conditional {@code UPDATE}: the
 * database lets exactly one of any number of concurrent redemptions change the row,
 * and only that one gets the session.
 */
public final class JdbcPortalSessionStore implements PortalSessionStore {

	private static final String COLUMNS = "id, customer_id, account_id, configuration_id, return_url, locale, is_owner,"
			+ " created_at, expires_at, accessed_at, browser_expires_at";

	private final JdbcStoreSupport support;

	private final String insert;

	private final String findById;

	private final String findByTokenHash;

	private final String redeem;

	private final String redeemReturning;

	private final String findByBrowserTokenHash;

	private final String endBrowserSession;

	private final String deleteExpired;

	/**
	 * Creates a store on the table {@code <prefix>session}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcPortalSessionStore(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		String sessions = this.support.table("session");
		this.insert = "INSERT INTO " + sessions + " (" + COLUMNS + ", token_hash) VALUES (:id, :customerId,"
				+ " :accountId, :configurationId, :returnUrl, :locale, :owner, :createdAt, :expiresAt, NULL, NULL,"
				+ " :tokenHash)";
		String select = "SELECT " + COLUMNS + " FROM " + sessions;
		this.findById = select + " WHERE id = :id";
		this.findByTokenHash = select + " WHERE token_hash = :tokenHash";
		this.redeem = "UPDATE " + sessions + " SET accessed_at = :now, browser_token_hash = :browserTokenHash,"
				+ " browser_expires_at = :browserExpiresAt"
				+ " WHERE token_hash = :tokenHash AND accessed_at IS NULL AND expires_at > :now";
		this.redeemReturning = this.redeem + " RETURNING " + COLUMNS;
		this.findByBrowserTokenHash = select
				+ " WHERE browser_token_hash = :browserTokenHash AND browser_expires_at > :now";
		this.endBrowserSession = "UPDATE " + sessions + " SET browser_token_hash = NULL,"
				+ " browser_expires_at = accessed_at WHERE browser_token_hash = :browserTokenHash";
		// A plain delete: instances running it at once just find fewer rows.
		this.deleteExpired = "DELETE FROM " + sessions + " WHERE expires_at < :before"
				+ " AND (browser_expires_at IS NULL OR browser_expires_at < :before)";
	}

	@Override
	public void create(PortalSession session, String tokenHash) {
		try {
			this.support.jdbc()
				.sql(this.insert)
				.param("id", session.id())
				.param("customerId", session.customerId())
				.param("accountId", session.accountId())
				.param("configurationId", session.configurationId())
				.param("returnUrl", session.returnUrl())
				.param("locale", session.locale())
				.param("owner", session.owner())
				.param("createdAt", JdbcStoreSupport.timestamp(session.createdAt()))
				.param("expiresAt", JdbcStoreSupport.timestamp(session.expiresAt()))
				.param("tokenHash", tokenHash)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new IllegalStateException("Duplicate portal session " + session.id(), ex);
		}
	}

	@Override
	public Optional<PortalSession> findById(String id) {
		return this.support.jdbc().sql(this.findById).param("id", id).query(JdbcPortalSessionStore::session).optional();
	}

	@Override
	public Optional<PortalSession> findByTokenHash(String tokenHash) {
		return this.support.jdbc()
			.sql(this.findByTokenHash)
			.param("tokenHash", tokenHash)
			.query(JdbcPortalSessionStore::session)
			.optional();
	}

	@Override
	public Optional<PortalSession> redeem(String tokenHash, String browserTokenHash, Instant now,
			Instant browserExpiresAt) {
		Map<String, Object> parameters = Map.of("now", JdbcStoreSupport.timestamp(now), "browserTokenHash",
				browserTokenHash, "browserExpiresAt", JdbcStoreSupport.timestamp(browserExpiresAt), "tokenHash",
				tokenHash);
		if (this.support.isPostgres()) {
			// One round trip: the row comes back from the very update that redeemed it.
			return this.support.jdbc()
				.sql(this.redeemReturning)
				.params(parameters)
				.query(JdbcPortalSessionStore::session)
				.optional();
		}
		int redeemed = this.support.jdbc().sql(this.redeem).params(parameters).update();
		// The update count alone decides: only the caller whose update changed the row reads it.
		return (redeemed == 1) ? findByTokenHash(tokenHash) : Optional.empty();
	}

	@Override
	public Optional<PortalSession> findByBrowserTokenHash(String browserTokenHash, Instant now) {
		return this.support.jdbc()
			.sql(this.findByBrowserTokenHash)
			.param("browserTokenHash", browserTokenHash)
			.param("now", JdbcStoreSupport.timestamp(now))
			.query(JdbcPortalSessionStore::session)
			.optional();
	}

	@Override
	public void endBrowserSession(String browserTokenHash) {
		this.support.jdbc().sql(this.endBrowserSession).param("browserTokenHash", browserTokenHash).update();
	}

	@Override
	public int deleteExpired(Instant before) {
		return this.support.jdbc()
			.sql(this.deleteExpired)
			.param("before", JdbcStoreSupport.timestamp(before))
			.update();
	}

	private static PortalSession session(ResultSet resultSet, int rowNumber) throws SQLException {
		return new PortalSession(resultSet.getString("id"), resultSet.getString("customer_id"),
				resultSet.getString("account_id"), resultSet.getString("configuration_id"),
				resultSet.getString("return_url"), resultSet.getString("locale"), resultSet.getBoolean("is_owner"),
				JdbcStoreSupport.requiredInstant(resultSet, "created_at"),
				JdbcStoreSupport.requiredInstant(resultSet, "expires_at"),
				JdbcStoreSupport.instant(resultSet, "accessed_at"),
				JdbcStoreSupport.instant(resultSet, "browser_expires_at"));
	}

}
