package io.recurportal.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * Pending email changes in the host's database, one row per customer, so every instance
 * sees them. Confirming is one conditional {@code DELETE}: the database lets exactly one
 * of any number of concurrent confirmations remove the row, and only that one gets the
 * change.
 */
public final class JdbcEmailChangeStore implements EmailChangeStore {

	private static final String COLUMNS = "customer_id, account_id, user_id, new_email, configuration_id, locale,"
			+ " created_at, expires_at";

	private final JdbcStoreSupport support;

	private final String update;

	private final String insert;

	private final String findByTokenHash;

	private final String findByCustomerId;

	private final String redeem;

	/**
	 * Creates a store on the table {@code <prefix>email_change}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcEmailChangeStore(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		String table = this.support.table("email_change");
		this.update = "UPDATE " + table + " SET token_hash = :tokenHash, account_id = :accountId, user_id = :userId,"
				+ " new_email = :email, configuration_id = :configurationId, locale = :locale,"
				+ " created_at = :createdAt, expires_at = :expiresAt WHERE customer_id = :customerId";
		this.insert = "INSERT INTO " + table + " (" + COLUMNS + ", token_hash) VALUES (:customerId, :accountId,"
				+ " :userId, :email, :configurationId, :locale, :createdAt, :expiresAt, :tokenHash)";
		String select = "SELECT " + COLUMNS + " FROM " + table;
		this.findByTokenHash = select + " WHERE token_hash = :tokenHash AND expires_at > :now";
		this.findByCustomerId = select + " WHERE customer_id = :customerId AND expires_at > :now";
		this.redeem = "DELETE FROM " + table + " WHERE token_hash = :tokenHash AND expires_at > :now";
	}

	@Override
	public void save(PendingEmailChange change, String tokenHash) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("customerId", change.customerId());
		parameters.put("accountId", change.accountId());
		parameters.put("userId", change.userId());
		parameters.put("email", change.email());
		parameters.put("configurationId", change.configurationId());
		parameters.put("locale", change.locale());
		parameters.put("createdAt", JdbcStoreSupport.timestamp(change.createdAt()));
		parameters.put("expiresAt", JdbcStoreSupport.timestamp(change.expiresAt()));
		parameters.put("tokenHash", tokenHash);
		this.support.updateOrInsert(this.update, this.insert, "customer_id", parameters);
	}

	@Override
	public Optional<PendingEmailChange> findByTokenHash(String tokenHash, Instant now) {
		return this.support.jdbc()
			.sql(this.findByTokenHash)
			.param("tokenHash", tokenHash)
			.param("now", JdbcStoreSupport.timestamp(now))
			.query(JdbcEmailChangeStore::change)
			.optional();
	}

	@Override
	public Optional<PendingEmailChange> findByCustomerId(String customerId, Instant now) {
		return this.support.jdbc()
			.sql(this.findByCustomerId)
			.param("customerId", customerId)
			.param("now", JdbcStoreSupport.timestamp(now))
			.query(JdbcEmailChangeStore::change)
			.optional();
	}

	@Override
	public Optional<PendingEmailChange> redeem(String tokenHash, Instant now) {
		Map<String, Object> parameters = Map.of("tokenHash", tokenHash, "now", JdbcStoreSupport.timestamp(now));
		if (this.support.isPostgres()) {
			// One round trip: the row comes back from the very delete that redeemed it.
			return this.support.jdbc()
				.sql(this.redeem + " RETURNING " + COLUMNS)
				.params(parameters)
				.query(JdbcEmailChangeStore::change)
				.optional();
		}
		// A row is never changed under its token hash (a new request gives it a new one),
		// so the row read first is the row the delete removes; the delete count decides.
		Optional<PendingEmailChange> change = findByTokenHash(tokenHash, now);
		if (change.isEmpty()) {
			return change;
		}
		return (this.support.jdbc().sql(this.redeem).params(parameters).update() == 1) ? change : Optional.empty();
	}

	private static PendingEmailChange change(ResultSet resultSet, int rowNumber) throws SQLException {
		return new PendingEmailChange(resultSet.getString("customer_id"), resultSet.getString("account_id"),
				resultSet.getString("user_id"), resultSet.getString("new_email"),
				resultSet.getString("configuration_id"), resultSet.getString("locale"),
				JdbcStoreSupport.requiredInstant(resultSet, "created_at"),
				JdbcStoreSupport.requiredInstant(resultSet, "expires_at"));
	}

}
