package io.recurportal.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * Portal sessions in the host's database, so every instance behind a load balancer
 * sees the same sessions. Redeeming a link is one conditional {@code UPDATE}: the
 * database lets exactly one of any number of concurrent redemptions change the row,
 * and only that one gets the session.
 * <p>
 * Statements take positional parameters and rows are read by column position: creating
 * and redeeming links is on every portal entry's path, and named parameters cost a
 * rewrite of the statement and a map per call.
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
		this.insert = "INSERT INTO " + sessions + " (" + COLUMNS + ", token_hash)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)";
		String select = "SELECT " + COLUMNS + " FROM " + sessions;
		this.findById = select + " WHERE id = ?";
		this.findByTokenHash = select + " WHERE token_hash = ?";
		// Parameters: now, browser token hash, browser expiry, token hash, now.
		this.redeem = "UPDATE " + sessions + " SET accessed_at = ?, browser_token_hash = ?, browser_expires_at = ?"
				+ " WHERE token_hash = ? AND accessed_at IS NULL AND expires_at > ?";
		this.redeemReturning = this.redeem + " RETURNING " + COLUMNS;
		this.findByBrowserTokenHash = select + " WHERE browser_token_hash = ? AND browser_expires_at > ?";
		this.endBrowserSession = "UPDATE " + sessions + " SET browser_token_hash = NULL,"
				+ " browser_expires_at = accessed_at WHERE browser_token_hash = ?";
		// A plain delete: instances running it at once just find fewer rows.
		this.deleteExpired = "DELETE FROM " + sessions + " WHERE expires_at < ?"
				+ " AND (browser_expires_at IS NULL OR browser_expires_at < ?)";
	}

	@Override
	public void create(PortalSession session, String tokenHash) {
		try {
			this.support.jdbc()
				.sql(this.insert)
				.param(session.id())
				.param(session.customerId())
				.param(text(session.accountId()))
				.param(session.configurationId())
				.param(text(session.returnUrl()))
				.param(text(session.locale()))
				.param(session.owner())
				.param(JdbcStoreSupport.timestamp(session.createdAt()))
				.param(JdbcStoreSupport.timestamp(session.expiresAt()))
				.param(tokenHash)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new IllegalStateException("Duplicate portal session " + session.id(), ex);
		}
	}

	@Override
	public Optional<PortalSession> findById(String id) {
		return this.support.jdbc().sql(this.findById).param(id).query(JdbcPortalSessionStore::session).optional();
	}

	@Override
	public Optional<PortalSession> findByTokenHash(String tokenHash) {
		return this.support.jdbc()
			.sql(this.findByTokenHash)
			.param(tokenHash)
			.query(JdbcPortalSessionStore::session)
			.optional();
	}

	@Override
	public Optional<PortalSession> redeem(String tokenHash, String browserTokenHash, Instant now,
			Instant browserExpiresAt) {
		Object[] parameters = { JdbcStoreSupport.timestamp(now), browserTokenHash,
				JdbcStoreSupport.timestamp(browserExpiresAt), tokenHash, JdbcStoreSupport.timestamp(now) };
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
			.param(browserTokenHash)
			.param(JdbcStoreSupport.timestamp(now))
			.query(JdbcPortalSessionStore::session)
			.optional();
	}

	@Override
	public void endBrowserSession(String browserTokenHash) {
		this.support.jdbc().sql(this.endBrowserSession).param(browserTokenHash).update();
	}

	@Override
	public int deleteExpired(Instant before) {
		return this.support.jdbc()
			.sql(this.deleteExpired)
			.param(JdbcStoreSupport.timestamp(before))
			.param(JdbcStoreSupport.timestamp(before))
			.update();
	}

	// By position, in the order of COLUMNS.
	private static PortalSession session(ResultSet resultSet, int rowNumber) throws SQLException {
		return new PortalSession(resultSet.getString(1), resultSet.getString(2), resultSet.getString(3),
				resultSet.getString(4), resultSet.getString(5), resultSet.getString(6), resultSet.getBoolean(7),
				requiredInstant(resultSet, 8), requiredInstant(resultSet, 9), instant(resultSet, 10),
				instant(resultSet, 11));
	}

	private static @Nullable Instant instant(ResultSet resultSet, int column) throws SQLException {
		OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Instant requiredInstant(ResultSet resultSet, int column) throws SQLException {
		Instant instant = instant(resultSet, column);
		if (instant == null) {
			throw new SQLException("Column " + column + " of a portal session is null");
		}
		return instant;
	}

	// A null bound by position needs its type on some drivers.
	private static SqlParameterValue text(@Nullable String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

}
