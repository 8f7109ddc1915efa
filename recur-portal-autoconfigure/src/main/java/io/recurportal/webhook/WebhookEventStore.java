package io.recurportal.webhook;

import java.time.Instant;

/**
 * The ids of the provider events already processed, so each is processed once however
 * often and on however many instances it is delivered. In memory by default; JDBC when
 * the host has a {@code DataSource}.
 * <p>
 * An event is claimed before it is processed. A JDBC claim is part of the processing
 * transaction: a concurrent claim of the same id waits for it, and a rollback undoes it.
 * A claim in memory is undone with {@link #release}.
 */
public interface WebhookEventStore {

	/**
	 * Claims an event for processing: of any number of concurrent claims of the same id,
	 * exactly one succeeds, and none after it.
	 * @param eventId the provider's event id
	 * @param eventType the event's type, for people reading the table
	 * @param claimId an id of this claim, so that only it can be released
	 * @param receivedAt when the event arrived
	 * @return whether this call claimed it; {@code false} when it was processed already
	 */
	boolean claim(String eventId, String eventType, String claimId, Instant receivedAt);

	/**
	 * Undoes a claim whose processing failed, so a redelivery is processed. Does nothing
	 * when the claim is not there (it was rolled back) or is another's.
	 * @param eventId the event id
	 * @param claimId the id the claim was made with
	 */
	void release(String eventId, String claimId);

	/**
	 * Whether an event was processed.
	 * @param eventId the event id
	 * @return {@code true} when a claim of it stands
	 */
	boolean isProcessed(String eventId);

	/**
	 * Forgets events received before a time: providers stop redelivering after a few
	 * days. Safe to run on several instances at once.
	 * @param before events received before this are forgotten
	 * @return how many were forgotten
	 */
	int deleteReceivedBefore(Instant before);

}
