package io.recurportal.subscription;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.Assert;

import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.subscription.SubscriptionMirror.SyncState;

/**
 * An account's subscriptions, read from the mirror. The first read of an account
 * reconciles it with the provider (two provider calls); later reads cost none.
 */
public final class AccountSubscriptions {

	private final BillingGateway gateway;

	private final SubscriptionMirror mirror;

	private final AccountCustomerResolver customers;

	private final AccountSnapshots snapshots;

	private final Clock clock;

	private SubscriptionChangeListener changeListener = (accountId, before, after) -> {
	};

	public AccountSubscriptions(BillingGateway gateway, SubscriptionMirror mirror, AccountCustomerResolver customers,
			AccountSnapshots snapshots, Clock clock) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(mirror, "mirror must not be null");
		Assert.notNull(customers, "customers must not be null");
		Assert.notNull(snapshots, "snapshots must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.gateway = gateway;
		this.mirror = mirror;
		this.customers = customers;
		this.snapshots = snapshots;
		this.clock = clock;
	}

	/**
	 * Sets who is told of the changes made through {@link #change}.
	 * @param changeListener the listener
	 */
	public void setChangeListener(SubscriptionChangeListener changeListener) {
		Assert.notNull(changeListener, "changeListener must not be null");
		this.changeListener = changeListener;
	}

	/**
	 * An account's subscriptions, newest first.
	 * @param accountId the account
	 * @return the subscriptions
	 */
	public List<Subscription> list(String accountId) {
		ensureSynced(accountId);
		return this.mirror.findByAccount(accountId);
	}

	/**
	 * One of an account's subscriptions.
	 * @param accountId the account
	 * @param subscriptionId the subscription
	 * @return the subscription
	 * @throws PortalException {@code subscription_not_found} when the account has no such
	 * subscription, whether or not another account has it
	 */
	public Subscription require(String accountId, String subscriptionId) {
		ensureSynced(accountId);
		return this.mirror.find(accountId, subscriptionId)
			.orElseThrow(() -> new PortalException(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
					"No such subscription on this account."));
	}

	/**
	 * Changes one of the account's subscriptions: finds it, runs the change and stores
	 * what the provider answered (the mirror keeps the newest copy), so the next read
	 * shows it.
	 * @param accountId the account
	 * @param subscriptionId the subscription
	 * @param change the change, given the subscription as the mirror holds it
	 * @return the provider's state after the change
	 * @throws PortalException {@code subscription_not_found} when the account has no such
	 * subscription, whether or not another account has it; whatever the change throws
	 */
	public Subscription change(String accountId, String subscriptionId, SubscriptionChange change) {
		Subscription before = require(accountId, subscriptionId);
		Subscription after = change.apply(before, this.mirror.revision(accountId, subscriptionId));
		// The provider's own event may have been refreshed while the call ran (the sandbox sends
		// it during the call): the mirror then moved on, and that refresh told the host already.
		boolean untold = this.mirror.find(accountId, subscriptionId).map(before::equals).orElse(false);
		this.mirror.save(accountId, after);
		if (untold) {
			this.changeListener.changed(accountId, before, after);
		}
		return after;
	}

	/**
	 * The account's customer, from the last sync when there was one.
	 * @param accountId the account
	 * @return the customer id, or empty when the account has no customer
	 */
	public Optional<String> customerId(String accountId) {
		Optional<SyncState> state = this.mirror.syncState(accountId);
		if (state.isPresent() && state.get().customerId() != null) {
			return Optional.of(state.get().customerId());
		}
		return this.customers.resolveCustomerId(accountId);
	}

	/**
	 * The account's customer, which must exist.
	 * @param accountId the account
	 * @return the customer id
	 * @throws PortalException {@code customer_not_found} when the account has none yet
	 */
	public String requireCustomerId(String accountId) {
		return customerId(accountId).orElseThrow(() -> new PortalException(PortalErrorCode.CUSTOMER_NOT_FOUND,
				"This account has no billing profile yet."));
	}

	/**
	 * Reconciles the mirror of an account with the provider, and forgets the account's
	 * snapshots so they are read again too.
	 * @param accountId the account
	 * @param allowDeletes whether to remove subscriptions the provider no longer has;
	 * when {@code false} no local row is ever removed
	 * @return the counts of what changed
	 */
	public SyncResult sync(String accountId, boolean allowDeletes) {
		this.snapshots.forget(accountId);
		return sync(accountId, this.customers.resolveCustomerId(accountId), allowDeletes);
	}

	/**
	 * Reconciles the mirror of an account whose customer is already known, as for a
	 * portal session opened for that customer, and binds the account to it; forgets the
	 * account's snapshots, so a portal just opened shows the provider's current state.
	 * @param accountId the account
	 * @param customerId its customer
	 * @return the counts of what changed
	 */
	public SyncResult syncCustomer(String accountId, String customerId) {
		this.snapshots.forget(accountId);
		return sync(accountId, Optional.of(customerId), false);
	}

	/**
	 * Reconciles the mirror of an account with a known customer unless it already was,
	 * as for a portal session whose link was opened while the provider was down.
	 * @param accountId the account
	 * @param customerId its customer
	 */
	public void ensureSyncedWith(String accountId, String customerId) {
		Optional<SyncState> state = this.mirror.syncState(accountId);
		if (state.isEmpty() || !customerId.equals(state.get().customerId())) {
			syncCustomer(accountId, customerId);
		}
	}

	private SyncResult sync(String accountId, Optional<String> customerId, boolean allowDeletes) {
		List<Subscription> remote = customerId.map(this.gateway::listSubscriptions).orElse(List.of());
		Map<String, Subscription> local = new HashMap<>();
		this.mirror.findByAccount(accountId).forEach((subscription) -> local.put(subscription.id(), subscription));
		int created = 0;
		int updated = 0;
		int unchanged = 0;
		for (Subscription subscription : remote) {
			Subscription existing = local.remove(subscription.id());
			if (existing == null) {
				created++;
			}
			else if (existing.equals(subscription)) {
				unchanged++;
				continue;
			}
			else {
				updated++;
			}
			this.mirror.save(accountId, subscription);
		}
		int deleted = 0;
		if (allowDeletes) {
			for (String gone : local.keySet()) {
				if (this.mirror.delete(accountId, gone)) {
					deleted++;
				}
			}
		}
		this.mirror.markSynced(accountId, new SyncState(customerId.orElse(null), this.clock.instant()));
		return new SyncResult(created, updated, deleted, unchanged);
	}

	/**
	 * Stores a subscription the provider answered with outside {@link #change}, as a
	 * completed checkout's, so the next read shows it.
	 * @param accountId the account
	 * @param subscription the provider's state after the change
	 */
	public void remember(String accountId, Subscription subscription) {
		this.mirror.save(accountId, subscription);
	}

	private void ensureSynced(String accountId) {
		if (this.mirror.syncState(accountId).isEmpty()) {
			sync(accountId, this.customers.resolveCustomerId(accountId), false);
		}
	}

	/**
	 * A change to one subscription, made at the provider.
	 */
	@FunctionalInterface
	public interface SubscriptionChange {

		/**
		 * Makes the change.
		 * @param current the subscription as the mirror holds it
		 * @param revision the mirror's revision of it (see
		 * {@link SubscriptionMirror#revision(String, String)}), which tells a retry from
		 * the same change asked for again after the subscription changed
		 * @return the provider's state after the change
		 */
		Subscription apply(Subscription current, long revision);

	}

}
