package io.recurportal.subscription;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.billing.Subscription;
import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * A subscription mirror in the host's database, shared by every instance of the portal.
 * A subscription is kept as the provider's state in JSON beside the columns it is
 * found by.
 * <p>
 * Every write is one conditional {@code UPDATE} in the common case: the revision grows
 * in the same statement that stores a changed copy, and a report older than the stored
 * one matches no row. Only the first copy of a subscription also needs an insert. A
 * removed subscription keeps its row without data, so its revision keeps growing if it
 * comes back.
 */
public final class JdbcSubscriptionMirror implements SubscriptionMirror {

	private static final Comparator<Subscription> NEWEST_FIRST = Comparator.comparing(Subscription::created)
		.reversed()
		.thenComparing(Subscription::id);

	private static final String SUBSCRIPTION_KEY = "account_id, subscription_id";

	private final JdbcStoreSupport support;

	private final String findByAccount;

	private final String find;

	private final String revision;

	private final String updateIfChanged;

	private final String updateIfNotOlder;

	private final String insert;

	private final String delete;

	private final String findSyncState;

	private final String updateSyncState;

	private final String insertSyncState;

	/**
	 * Creates a mirror on the tables {@code <prefix>subscription} and
	 * {@code <prefix>subscription_sync}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcSubscriptionMirror(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		String subscriptions = this.support.table("subscription");
		String syncs = this.support.table("subscription_sync");
		String row = " WHERE account_id = :accountId AND subscription_id = :subscriptionId";
		this.findByAccount = "SELECT data FROM " + subscriptions
				+ " WHERE account_id = :accountId AND data IS NOT NULL";
		this.find = "SELECT data FROM " + subscriptions + row + " AND data IS NOT NULL";
		this.revision = "SELECT revision FROM " + subscriptions + row + " AND data IS NOT NULL";
		this.updateIfChanged = "UPDATE " + subscriptions
				+ " SET data = :data, customer_id = :customerId, revision = revision + 1" + row
				+ " AND (data IS NULL OR data <> :data)";
		this.updateIfNotOlder = "UPDATE " + subscriptions + " SET data = :data, customer_id = :customerId,"
				+ " revision = CASE WHEN data IS NULL OR data <> :data THEN revision + 1 ELSE revision END,"
				+ " observed_at = :observedAt" + row + " AND (observed_at IS NULL OR observed_at <= :observedAt)";
		this.insert = "INSERT INTO " + subscriptions
				+ " (account_id, subscription_id, customer_id, data, revision, observed_at)"
				+ " VALUES (:accountId, :subscriptionId, :customerId, :data, 1, :observedAt)";
		this.delete = "UPDATE " + subscriptions + " SET data = NULL" + row + " AND data IS NOT NULL";
		this.findSyncState = "SELECT customer_id, synced_at FROM " + syncs + " WHERE account_id = :accountId";
		this.updateSyncState = "UPDATE " + syncs
				+ " SET customer_id = :customerId, synced_at = :syncedAt WHERE account_id = :accountId";
		this.insertSyncState = "INSERT INTO " + syncs
				+ " (account_id, customer_id, synced_at) VALUES (:accountId, :customerId, :syncedAt)";
	}

	@Override
	public List<Subscription> findByAccount(String accountId) {
		// Sorted here, not in SQL: the database's collation must not change the order of ids.
		return this.support.jdbc()
			.sql(this.findByAccount)
			.param("accountId", accountId)
			.query(String.class)
			.list()
			.stream()
			.map(SubscriptionJson::read)
			.sorted(NEWEST_FIRST)
			.toList();
	}

	@Override
	public Optional<Subscription> find(String accountId, String subscriptionId) {
		return this.support.jdbc()
			.sql(this.find)
			.param("accountId", accountId)
			.param("subscriptionId", subscriptionId)
			.query(String.class)
			.optional()
			.map(SubscriptionJson::read);
	}

	@Override
	public long revision(String accountId, String subscriptionId) {
		return this.support.jdbc()
			.sql(this.revision)
			.param("accountId", accountId)
			.param("subscriptionId", subscriptionId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	@Override
	public void save(String accountId, Subscription subscription) {
		// An equal copy matches no row, and neither does a missing one: the insert then
		// finds the row and does nothing.
		this.support.updateOrInsert(this.updateIfChanged, this.insert, SUBSCRIPTION_KEY,
				parameters(accountId, subscription, null));
	}

	@Override
	public boolean saveIfNewer(String accountId, Subscription subscription, Instant observedAt) {
		return this.support.updateOrInsert(this.updateIfNotOlder, this.insert, SUBSCRIPTION_KEY,
				parameters(accountId, subscription, observedAt));
	}

	@Override
	public boolean delete(String accountId, String subscriptionId) {
		return this.support.jdbc()
			.sql(this.delete)
			.param("accountId", accountId)
			.param("subscriptionId", subscriptionId)
			.update() == 1;
	}

	@Override
	public Optional<SyncState> syncState(String accountId) {
		return this.support.jdbc()
			.sql(this.findSyncState)
			.param("accountId", accountId)
			.query((resultSet, rowNumber) -> new SyncState(resultSet.getString("customer_id"),
					JdbcStoreSupport.requiredInstant(resultSet, "synced_at")))
			.optional();
	}

	@Override
	public void markSynced(String accountId, SyncState state) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("accountId", accountId);
		parameters.put("customerId", state.customerId());
		parameters.put("syncedAt", JdbcStoreSupport.timestamp(state.syncedAt()));
		this.support.updateOrInsert(this.updateSyncState, this.insertSyncState, "account_id", parameters);
	}

	private Map<String, Object> parameters(String accountId, Subscription subscription,
			@Nullable Instant observedAt) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("accountId", accountId);
		parameters.put("subscriptionId", subscription.id());
		parameters.put("customerId", subscription.customerId());
		parameters.put("data", SubscriptionJson.write(subscription));
		parameters.put("observedAt", JdbcStoreSupport.timestamp(observedAt));
		return parameters;
	}

}
