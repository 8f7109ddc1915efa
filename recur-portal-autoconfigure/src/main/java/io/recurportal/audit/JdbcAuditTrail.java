package io.recurportal.audit;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * An audit trail in the host's database: every entry is kept, one row each, and read
 * back newest first per account.
 */
public final class JdbcAuditTrail implements AuditTrail {

	private final JdbcStoreSupport support;

	private final String insert;

	private final String findByAccount;

	/**
	 * Creates a trail on the table {@code <prefix>audit}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcAuditTrail(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		String audit = this.support.table("audit");
		this.insert = "INSERT INTO " + audit + " (occurred_at, account_id, user_id, action, target, result, detail)"
				+ " VALUES (:at, :accountId, :userId, :action, :target, :result, :detail)";
		// The id breaks ties between entries of the same instant in the order they were written.
		this.findByAccount = "SELECT occurred_at, account_id, user_id, action, target, result, detail FROM " + audit
				+ " WHERE account_id = :accountId ORDER BY occurred_at DESC, id DESC";
	}

	@Override
	public void record(AuditEntry entry) {
		this.support.jdbc()
			.sql(this.insert)
			.param("at", JdbcStoreSupport.timestamp(entry.at()))
			.param("accountId", entry.accountId())
			.param("userId", entry.userId())
			.param("action", entry.action())
			.param("target", entry.target())
			.param("result", entry.result())
			.param("detail", entry.detail())
			.update();
	}

	@Override
	public List<AuditEntry> findByAccount(String accountId, int limit) {
		if (limit < 1) {
			return List.of();
		}
		return this.support.jdbc()
			.sql(this.findByAccount)
			.param("accountId", accountId)
			.withMaxRows(limit)
			.query((resultSet, rowNumber) -> new AuditEntry(JdbcStoreSupport.requiredInstant(resultSet, "occurred_at"),
					resultSet.getString("account_id"), resultSet.getString("user_id"), resultSet.getString("action"),
					resultSet.getString("target"), resultSet.getString("result"), resultSet.getString("detail")))
			.list();
	}

}
