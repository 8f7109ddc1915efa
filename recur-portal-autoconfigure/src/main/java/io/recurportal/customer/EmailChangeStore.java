package io.recurportal.customer;

import java.time.Instant;
import java.util.Optional;

/**
 * Where email changes wait for confirmation: only the SHA-256 hash of each link's token
 * is kept, and a customer has at most one pending change, the one asked last. In memory
 * by default; in the host's database when the JDBC stores are on, so the instance that
 * serves the confirmation need not be the one that sent it.
 */
public interface EmailChangeStore {

	/**
	 * Keeps a pending change, replacing the customer's earlier one, whose link then
	 * stops working.
	 * @param change the change
	 * @param tokenHash the hash of its link's token
	 */
	void save(PendingEmailChange change, String tokenHash);

	/**
	 * The pending change a link confirms, while it may still be confirmed.
	 * @param tokenHash the hash of the link's token
	 * @param now the time
	 * @return the change, unless unknown, replaced, confirmed or expired
	 */
	Optional<PendingEmailChange> findByTokenHash(String tokenHash, Instant now);

	/**
	 * A customer's pending change, while it may still be confirmed.
	 * @param customerId the customer
	 * @param now the time
	 * @return the change, if any
	 */
	Optional<PendingEmailChange> findByCustomerId(String customerId, Instant now);

	/**
	 * Takes a pending change for confirmation: at most one caller ever gets it, however
	 * many redeem the same token at once, on however many instances.
	 * @param tokenHash the hash of the link's token
	 * @param now the time
	 * @return the change, to the one caller that redeemed it
	 */
	Optional<PendingEmailChange> redeem(String tokenHash, Instant now);

}
