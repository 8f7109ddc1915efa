package io.recurportal.snapshot;

import java.time.Instant;
import java.util.Optional;

/**
 * Stores the provider's answers about an account by kind ({@code customer},
 * {@code invoices}), and when each account last changed.
 * <p>
 * A change does not delete what is stored: it records when the account changed, and a
 * snapshot whose read began before that is no longer found. So a read that was under way
 * while the account changed, and is stored after the change, never shows the old state.
 */
public interface BillingSnapshotStore {

	/**
	 * The stored answer of a kind, unless the account changed after its read began.
	 * @param accountId the account
	 * @param kind the kind of answer
	 * @return the snapshot, if one is stored and still valid
	 */
	Optional<BillingSnapshot> find(String accountId, String kind);

	/**
	 * Stores an answer, replacing the one of the same kind.
	 * @param accountId the account
	 * @param kind the kind of answer
	 * @param snapshot the answer and when its read began
	 */
	void save(String accountId, String kind, BillingSnapshot snapshot);

	/**
	 * Records that an account changed at the provider: every snapshot read before then is
	 * no longer found.
	 * @param accountId the account
	 * @param changedAt when it changed
	 */
	void invalidate(String accountId, Instant changedAt);

}
