package io.recurportal.webhook;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * Processed event ids in the host's database, keyed by the event id. The claim is an
 * insert into that key, so two instances that receive the same event at once cannot
 * both claim it: the second waits for the first's transaction, and claims the event
 * only if that transaction rolled back.
 */
public final class JdbcWebhookEventStore implements WebhookEventStore {

	private final JdbcStoreSupport support;

	private final String insert;

	private final String release;

	private final String exists;

	private final String deleteReceivedBefore;

	/**
	 * Creates a store on the table {@code <prefix>webhook_event}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcWebhookEventStore(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		String events = this.support.table("webhook_event");
		this.insert = "INSERT INTO " + events + " (event_id, event_type, claim_id, received_at)"
				+ " VALUES (:eventId, :eventType, :claimId, :receivedAt)";
		this.release = "DELETE FROM " + events + " WHERE event_id = :eventId AND claim_id = :claimId";
		this.exists = "SELECT COUNT(*) FROM " + events + " WHERE event_id = :eventId";
		this.deleteReceivedBefore = "DELETE FROM " + events + " WHERE received_at < :before";
	}

	@Override
	public boolean claim(String eventId, String eventType, String claimId, Instant receivedAt) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("eventId", eventId);
		parameters.put("eventType", eventType);
		parameters.put("claimId", claimId);
		parameters.put("receivedAt", JdbcStoreSupport.timestamp(receivedAt));
		return this.support.insertIfAbsent(this.insert, "event_id", parameters);
	}

	@Override
	public void release(String eventId, String claimId) {
		this.support.jdbc().sql(this.release).param("eventId", eventId).param("claimId", claimId).update();
	}

	@Override
	public boolean isProcessed(String eventId) {
		return this.support.jdbc().sql(this.exists).param("eventId", eventId).query(Long.class).single() > 0;
	}

	@Override
	public int deleteReceivedBefore(Instant before) {
		return this.support.jdbc()
			.sql(this.deleteReceivedBefore)
			.param("before", JdbcStoreSupport.timestamp(before))
			.update();
	}

}
