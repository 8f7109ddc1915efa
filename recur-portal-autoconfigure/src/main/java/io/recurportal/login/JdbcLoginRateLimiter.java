package io.recurportal.login;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * Login rate limits in the host's database, so every instance counts the same
 * attempts. Each attempt is a row; a key's rows older than the window are removed as it
 * is counted, so the table holds at most a window's worth per key. Two instances counting
 * the same key at the same instant may each let one more through: a rate limit, not a quota.
 */
public final class JdbcLoginRateLimiter implements LoginRateLimiter {

	private final JdbcStoreSupport support;

	private final String deleteOld;

	private final String count;

	private final String insert;

	/**
	 * Creates a limiter on the table {@code <prefix>login_attempt}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcLoginRateLimiter(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		String table = this.support.table("login_attempt");
		this.deleteOld = "DELETE FROM " + table + " WHERE rate_key = :key AND attempted_at <= :since";
		this.count = "SELECT COUNT(*) FROM " + table + " WHERE rate_key = :key AND attempted_at > :since";
		this.insert = "INSERT INTO " + table + " (rate_key, attempted_at) VALUES (:key, :at)";
	}

	@Override
	public boolean tryAcquire(String key, int limit, Duration window, Instant now) {
		Instant since = now.minus(window);
		return this.support.inTransaction(() -> {
			this.support.jdbc()
				.sql(this.deleteOld)
				.param("key", key)
				.param("since", JdbcStoreSupport.timestamp(since))
				.update();
			long attempts = this.support.jdbc()
				.sql(this.count)
				.param("key", key)
				.param("since", JdbcStoreSupport.timestamp(since))
				.query(Long.class)
				.single();
			if (attempts >= limit) {
				return false;
			}
			this.support.jdbc()
				.sql(this.insert)
				.param("key", key)
				.param("at", JdbcStoreSupport.timestamp(now))
				.update();
			return true;
		});
	}

}
