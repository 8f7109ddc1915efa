package io.recurportal.billing.budget;

import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * A budget shared by every instance on one database, table
 * {@code <prefix>provider_budget}: one row per second, its row locked while calls are
 * taken from it, rows older than a minute deleted by the instance that opens a new one.
 * Instances' clocks should agree to the second, as NTP keeps them.
 */
public final class JdbcProviderCallBudget implements ProviderCallBudget {

	private static final int KEPT_SECONDS = 60;

	private final JdbcStoreSupport support;

	private final int limit;

	private final Clock clock;

	private final String insert;

	private final String lock;

	private final String take;

	private final String deleteOld;

	private final String used;

	/**
	 * Creates a budget.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 * @param limit the calls allowed per second, across instances
	 * @param clock the clock seconds are counted on
	 */
	public JdbcProviderCallBudget(DataSource dataSource, TransactionOperations transactions, String tablePrefix,
			int limit, Clock clock) {
		Assert.isTrue(limit > 0, "'limit' must be positive");
		Assert.notNull(clock, "'clock' must not be null");
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		this.limit = limit;
		this.clock = clock;
		String table = this.support.table("provider_budget");
		this.insert = "INSERT INTO " + table + " (window_start, used) VALUES (:second, 0)";
		this.lock = "SELECT used FROM " + table + " WHERE window_start = :second FOR UPDATE";
		this.take = "UPDATE " + table + " SET used = used + :granted WHERE window_start = :second";
		this.deleteOld = "DELETE FROM " + table + " WHERE window_start < :before";
		this.used = "SELECT used FROM " + table + " WHERE window_start = :second";
	}

	@Override
	public int acquire(int wanted) {
		if (wanted <= 0) {
			return 0;
		}
		long second = this.clock.instant().getEpochSecond();
		return this.support.inTransaction(() -> {
			if (this.support.insertIfAbsent(this.insert, "window_start", Map.of("second", second))) {
				this.support.jdbc().sql(this.deleteOld).param("before", second - KEPT_SECONDS).update();
			}
			int taken = this.support.jdbc().sql(this.lock).param("second", second).query(Integer.class).single();
			int granted = Math.max(0, Math.min(wanted, this.limit - taken));
			if (granted > 0) {
				this.support.jdbc().sql(this.take).param("granted", granted).param("second", second).update();
			}
			return granted;
		});
	}

	@Override
	public int used() {
		long second = this.clock.instant().getEpochSecond();
		return this.support.jdbc().sql(this.used).param("second", second).query(Integer.class).optional().orElse(0);
	}

	@Override
	public int limit() {
		return this.limit;
	}

}
