package io.recurportal.snapshot;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * Billing snapshots in the host's database, shared by every instance of the portal: a
 * change one instance learns of (a webhook, an owner's action) hides the old snapshots
 * from all of them.
 * <p>
 * Instances compare read and change times taken from their own clocks: keep them in sync
 * (NTP), as the time-to-live already assumes.
 */
public final class JdbcBillingSnapshotStore implements BillingSnapshotStore {

	private final JdbcStoreSupport support;

	private final String find;

	private final String updateIfNotOlder;

	private final String insert;

	private final String updateChange;

	private final String insertChange;

	private final String deleteOlder;

	/**
	 * Creates a store on the tables {@code <prefix>billing_snapshot} and
	 * {@code <prefix>billing_change}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcBillingSnapshotStore(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		String snapshots = this.support.table("billing_snapshot");
		String changes = this.support.table("billing_change");
		this.find = "SELECT s.data, s.read_at FROM " + snapshots + " s LEFT JOIN " + changes
				+ " c ON c.account_id = s.account_id WHERE s.account_id = :accountId AND s.kind = :kind"
				+ " AND (c.changed_at IS NULL OR s.read_at > c.changed_at)";
		this.updateIfNotOlder = "UPDATE " + snapshots + " SET data = :data, read_at = :readAt"
				+ " WHERE account_id = :accountId AND kind = :kind AND read_at <= :readAt";
		this.insert = "INSERT INTO " + snapshots + " (account_id, kind, data, read_at)"
				+ " VALUES (:accountId, :kind, :data, :readAt)";
		this.updateChange = "UPDATE " + changes + " SET changed_at = :changedAt"
				+ " WHERE account_id = :accountId AND changed_at < :changedAt";
		this.insertChange = "INSERT INTO " + changes + " (account_id, changed_at) VALUES (:accountId, :changedAt)";
		this.deleteOlder = "DELETE FROM " + snapshots + " WHERE account_id = :accountId AND read_at <= :changedAt";
	}

	@Override
	public Optional<BillingSnapshot> find(String accountId, String kind) {
		return this.support.jdbc()
			.sql(this.find)
			.param("accountId", accountId)
			.param("kind", kind)
			.query((resultSet, rowNumber) -> new BillingSnapshot(resultSet.getString("data"),
					JdbcStoreSupport.requiredInstant(resultSet, "read_at")))
			.optional();
	}

	@Override
	public void save(String accountId, String kind, BillingSnapshot snapshot) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("accountId", accountId);
		parameters.put("kind", kind);
		parameters.put("data", snapshot.json());
		parameters.put("readAt", JdbcStoreSupport.timestamp(snapshot.readAt()));
		// A snapshot read later than this one is kept.
		this.support.updateOrInsert(this.updateIfNotOlder, this.insert, "account_id, kind", parameters);
	}

	@Override
	public void invalidate(String accountId, Instant changedAt) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("accountId", accountId);
		parameters.put("changedAt", JdbcStoreSupport.timestamp(changedAt));
		this.support.inTransaction(() -> {
			this.support.updateOrInsert(this.updateChange, this.insertChange, "account_id", parameters);
			// Only to keep the table small: finding already skips them.
			return this.support.jdbc().sql(this.deleteOlder).params(parameters).update();
		});
	}

}
