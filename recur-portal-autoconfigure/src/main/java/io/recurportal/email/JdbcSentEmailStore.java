package io.recurportal.email;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * Sent billing emails in the host's database, keyed by event id and kind. The claim is an
 * insert into that key, so two instances that handle the same event at once cannot both
 * send its email.
 */
public final class JdbcSentEmailStore implements SentEmailStore {

	private final JdbcStoreSupport support;

	private final String insert;

	private final String release;

	private final String deleteClaimedBefore;

	/**
	 * Creates a store on the table {@code <prefix>sent_email}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcSentEmailStore(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		String table = this.support.table("sent_email");
		this.insert = "INSERT INTO " + table + " (event_id, kind, claim_id, claimed_at)"
				+ " VALUES (:eventId, :kind, :claimId, :claimedAt)";
		this.release = "DELETE FROM " + table + " WHERE event_id = :eventId AND kind = :kind AND claim_id = :claimId";
		this.deleteClaimedBefore = "DELETE FROM " + table + " WHERE claimed_at < :before";
	}

	@Override
	public boolean claim(String eventId, String kind, String claimId, Instant claimedAt) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("eventId", eventId);
		parameters.put("kind", kind);
		parameters.put("claimId", claimId);
		parameters.put("claimedAt", JdbcStoreSupport.timestamp(claimedAt));
		return this.support.insertIfAbsent(this.insert, "event_id, kind", parameters);
	}

	@Override
	public void release(String eventId, String kind, String claimId) {
		this.support.jdbc()
			.sql(this.release)
			.param("eventId", eventId)
			.param("kind", kind)
			.param("claimId", claimId)
			.update();
	}

	@Override
	public int deleteClaimedBefore(Instant before) {
		return this.support.jdbc()
			.sql(this.deleteClaimedBefore)
			.param("before", JdbcStoreSupport.timestamp(before))
			.update();
	}

}
