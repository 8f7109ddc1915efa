package io.recurportal.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.Subscription;

/**
 * The local copy of each account's subscriptions that portal reads are served from, so
 * a page view costs no provider call once the account is synced. In memory by default;
 * JDBC when the host has a {@code DataSource}.
 */
public interface SubscriptionMirror {

	/**
	 * An account's subscriptions, newest first.
	 * @param accountId the account
	 * @return the subscriptions
	 */
	List<Subscription> findByAccount(String accountId);

	/**
	 * One of an account's subscriptions: a subscription of another account is not found.
	 * @param accountId the account
	 * @param subscriptionId the subscription
	 * @return the subscription, if the account has it
	 */
	Optional<Subscription> find(String accountId, String subscriptionId);

	/**
	 * How many times the mirror's copy of a subscription has changed: it only grows, so
	 * it tells apart two moments with equal state (before a cancel, and after the
	 * cancel was undone).
	 * @param accountId the account
	 * @param subscriptionId the subscription
	 * @return the revision, 0 when the mirror has no copy
	 */
	long revision(String accountId, String subscriptionId);

	/**
	 * Stores a subscription of an account, replacing the copy with the same id; a copy
	 * that differs from the stored one gets the next revision. What the provider answered
	 * just now is the newest state there is, so this does not look at when the stored
	 * copy was observed, and leaves that time as it is.
	 * @param accountId the account
	 * @param subscription the provider's state
	 */
	void save(String accountId, Subscription subscription);

	/**
	 * Stores a subscription of an account unless the stored copy was observed later:
	 * provider notifications arrive out of order, and an older one must never undo a
	 * newer one. A copy observed at the same time is stored, since notifications only
	 * tell time to the second. As with {@link #save}, a changed copy gets the next
	 * revision.
	 * @param accountId the account
	 * @param subscription the provider's state
	 * @param observedAt when the provider reported that state
	 * @return whether it was stored; {@code false} when a later state was already stored
	 */
	boolean saveIfNewer(String accountId, Subscription subscription, Instant observedAt);

	/**
	 * Removes a subscription of an account.
	 * @param accountId the account
	 * @param subscriptionId the subscription
	 * @return whether it was there
	 */
	boolean delete(String accountId, String subscriptionId);

	/**
	 * When and with which customer an account was last reconciled with the provider.
	 * @param accountId the account
	 * @return the sync state, or empty when never synced
	 */
	Optional<SyncState> syncState(String accountId);

	/**
	 * Records a reconciliation of an account.
	 * @param accountId the account
	 * @param state the customer found and when
	 */
	void markSynced(String accountId, SyncState state);

	/**
	 * An account's last reconciliation.
	 *
	 * @param customerId the account's customer, or {@code null} when it had none
	 * @param syncedAt when
	 */
	record SyncState(@Nullable String customerId, Instant syncedAt) {

	}

}
