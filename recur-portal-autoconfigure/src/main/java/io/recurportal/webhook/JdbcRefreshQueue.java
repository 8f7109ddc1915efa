package io.recurportal.webhook;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.billing.BillingEvent;
import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * Refresh work in the host's database, table {@code <prefix>webhook_work}, one row per
 * object. Instances share it without a coordinator: a claim selects due rows
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent claims pass each other's rows by, and
 * stamps them with a lease ({@code claimed_until}) before its short transaction ends.
 * The read happens outside any lock; a worker that dies holding rows leaves them to be
 * claimed again once the lease ends.
 * <p>
 * An event appends a line to its row's {@code events} and raises its {@code version}:
 * completing a claim deletes the row only when the version is the one claimed, and
 * otherwise cuts the claimed lines off the front, so an event arriving during a read is
 * never lost.
 */
public final class JdbcRefreshQueue implements RefreshQueue {

	private final JdbcStoreSupport support;

	private final String update;

	private final String insert;

	private final String select;

	private final String stamp;

	private final String delete;

	private final String cut;

	private final String release;

	private final String backlog;

	/**
	 * Creates a queue on the table {@code <prefix>webhook_work}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcRefreshQueue(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		String work = this.support.table("webhook_work");
		this.update = "UPDATE " + work + " SET events = events || :line, version = version + 1,"
				+ " due_at = CASE WHEN :due < latest_due_at THEN :due ELSE latest_due_at END WHERE object_key = :key";
		this.insert = "INSERT INTO " + work + " (object_key, due_at, latest_due_at, recorded_at, version, attempts,"
				+ " events) VALUES (:key, :due, :latestDue, :now, 1, 0, :line)";
		this.select = "SELECT object_key, version, attempts, recorded_at, events FROM " + work
				+ " WHERE due_at <= :dueBy AND (claimed_until IS NULL OR claimed_until <= :now)"
				+ " ORDER BY due_at FETCH FIRST :max ROWS ONLY FOR UPDATE SKIP LOCKED";
		this.stamp = "UPDATE " + work + " SET claim_id = :claimId, claimed_until = :claimedUntil"
				+ " WHERE object_key = :key";
		this.delete = "DELETE FROM " + work + " WHERE object_key = :key AND claim_id = :claimId AND version = :version";
		this.cut = "UPDATE " + work + " SET events = SUBSTRING(events, CAST(:from AS INTEGER)), claim_id = NULL,"
				+ " claimed_until = NULL, attempts = 0 WHERE object_key = :key AND claim_id = :claimId";
		this.release = "UPDATE " + work + " SET claim_id = NULL, claimed_until = NULL, due_at = :due,"
				+ " attempts = attempts + :failed WHERE object_key = :key AND claim_id = :claimId";
		this.backlog = "SELECT COUNT(*) AS size, MIN(recorded_at) AS oldest FROM " + work;
	}

	@Override
	public void add(String key, BillingEvent event, Instant now, Instant due, Instant latestDue) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("key", key);
		parameters.put("line", RecordedEvents.line(event));
		parameters.put("now", JdbcStoreSupport.timestamp(now));
		parameters.put("due", JdbcStoreSupport.timestamp(due.isAfter(latestDue) ? latestDue : due));
		parameters.put("latestDue", JdbcStoreSupport.timestamp(latestDue));
		this.support.updateOrInsert(this.update, this.insert, "object_key", parameters);
	}

	@Override
	public List<RefreshWork> claim(Instant dueBy, Instant now, int max, Instant claimedUntil, String claimId) {
		return this.support.inTransaction(() -> {
			List<RefreshWork> claimed = this.support.jdbc()
				.sql(this.select)
				.param("dueBy", JdbcStoreSupport.timestamp(dueBy))
				.param("now", JdbcStoreSupport.timestamp(now))
				.param("max", max)
				.query((rs, row) -> {
					String events = rs.getString("events");
					return new RefreshWork(rs.getString("object_key"), claimId, rs.getLong("version"),
							rs.getInt("attempts"), JdbcStoreSupport.requiredInstant(rs, "recorded_at"),
							RecordedEvents.parse(events), events.length());
				})
				.list();
			for (RefreshWork work : claimed) {
				this.support.jdbc()
					.sql(this.stamp)
					.param("claimId", claimId)
					.param("claimedUntil", JdbcStoreSupport.timestamp(claimedUntil))
					.param("key", work.key())
					.update();
			}
			return claimed;
		});
	}

	@Override
	public boolean complete(RefreshWork work) {
		return this.support.inTransaction(() -> {
			int deleted = this.support.jdbc()
				.sql(this.delete)
				.param("key", work.key())
				.param("claimId", work.claimId())
				.param("version", work.version())
				.update();
			if (deleted == 1) {
				return true;
			}
			// Events arrived during the read: keep them, due as they set it.
			return this.support.jdbc()
				.sql(this.cut)
				.param("from", work.consumed() + 1)
				.param("key", work.key())
				.param("claimId", work.claimId())
				.update() == 1;
		});
	}

	@Override
	public void release(RefreshWork work, Instant due, boolean failed) {
		this.support.jdbc()
			.sql(this.release)
			.param("due", JdbcStoreSupport.timestamp(due))
			.param("failed", failed ? 1 : 0)
			.param("key", work.key())
			.param("claimId", work.claimId())
			.update();
	}

	@Override
	public Backlog backlog() {
		return this.support.jdbc()
			.sql(this.backlog)
			.query((rs, row) -> new Backlog(rs.getLong("size"),
					Optional.ofNullable(JdbcStoreSupport.instant(rs, "oldest"))))
			.single();
	}

}
