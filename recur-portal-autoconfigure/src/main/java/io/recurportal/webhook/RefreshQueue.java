package io.recurportal.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.recurportal.billing.BillingEvent;

/**
 * The work recorded provider events leave behind: one entry per subscription or customer
 * to read again, however many events named it, due a moment after the last of them so
 * that a burst is read once. Entries are claimed with a lease: a worker that dies holding
 * one loses it when the lease ends, and another claims it again. In memory by default;
 * JDBC when the host has a {@code DataSource}, shared by every instance on it.
 */
public interface RefreshQueue {

	/**
	 * Adds an event to an object's entry, creating it when there is none. Joins the
	 * transaction the event is recorded in, when there is one.
	 * @param key the object, see {@link RefreshWork#key()}
	 * @param event the event
	 * @param now the time it was recorded
	 * @param due when the object is to be read: pushed later by each event, never past
	 * {@code latestDue}
	 * @param latestDue the latest the object's read may be pushed to, counted from the
	 * first event waiting for it
	 */
	void add(String key, BillingEvent event, Instant now, Instant due, Instant latestDue);

	/**
	 * Claims entries that are due and not claimed by another worker, or whose lease ended.
	 * Concurrent claims on several instances never return the same entry.
	 * @param dueBy claims entries due by this time
	 * @param now the time leases are compared with
	 * @param max the most entries to claim
	 * @param claimedUntil when the claims' lease ends
	 * @param claimId the claim
	 * @return the claimed work, the earliest due first
	 */
	List<RefreshWork> claim(Instant dueBy, Instant now, int max, Instant claimedUntil, String claimId);

	/**
	 * Completes claimed work: removes its events, and the entry unless events arrived
	 * since the claim, which stay due. Joins the transaction the read is stored in, so
	 * the two stand or fall together.
	 * @param work the work
	 * @return {@code false} when the claim was lost (its lease ended and another worker
	 * claimed the entry): the caller must not keep what it did
	 */
	boolean complete(RefreshWork work);

	/**
	 * Gives claimed work back to be tried again.
	 * @param work the work
	 * @param due when to try again
	 * @param failed whether the attempt failed, counting in {@link RefreshWork#attempts()};
	 * {@code false} when it was not tried (no provider budget left)
	 */
	void release(RefreshWork work, Instant due, boolean failed);

	/**
	 * How many objects wait to be read, and since when.
	 * @return the backlog
	 */
	Backlog backlog();

	/**
	 * The work waiting.
	 *
	 * @param size the objects waiting to be read, claimed or not
	 * @param oldest when the oldest event waiting was recorded, if any waits
	 */
	record Backlog(long size, Optional<Instant> oldest) {

	}

}
