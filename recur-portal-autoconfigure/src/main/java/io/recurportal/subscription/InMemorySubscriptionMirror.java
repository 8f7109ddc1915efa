package io.recurportal.subscription;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.recurportal.billing.Subscription;

/**
 * A subscription mirror in this JVM's memory: right for one instance; use the JDBC
 * mirror when several instances serve the portal.
 */
public final class InMemorySubscriptionMirror implements SubscriptionMirror {

	private final Map<String, Map<String, Subscription>> byAccount = new HashMap<>();

	private final Map<String, SyncState> syncStates = new HashMap<>();

	private final Map<String, Long> revisions = new HashMap<>();

	private final Map<String, Instant> observedAt = new HashMap<>();

	@Override
	public synchronized List<Subscription> findByAccount(String accountId) {
		return this.byAccount.getOrDefault(accountId, Map.of())
			.values()
			.stream()
			.sorted(Comparator.comparing(Subscription::created).reversed().thenComparing(Subscription::id))
			.toList();
	}

	@Override
	public synchronized Optional<Subscription> find(String accountId, String subscriptionId) {
		return Optional.ofNullable(this.byAccount.getOrDefault(accountId, Map.of()).get(subscriptionId));
	}

	@Override
	public synchronized long revision(String accountId, String subscriptionId) {
		return find(accountId, subscriptionId).isPresent() ? this.revisions.getOrDefault(subscriptionId, 0L) : 0L;
	}

	@Override
	public synchronized void save(String accountId, Subscription subscription) {
		Subscription previous = this.byAccount.computeIfAbsent(accountId, (key) -> new LinkedHashMap<>())
			.put(subscription.id(), subscription);
		if (!subscription.equals(previous)) {
			this.revisions.merge(subscription.id(), 1L, Long::sum);
		}
	}

	@Override
	public synchronized boolean saveIfNewer(String accountId, Subscription subscription, Instant observedAt) {
		Instant stored = this.observedAt.get(subscription.id());
		if (stored != null && stored.isAfter(observedAt)) {
			return false;
		}
		save(accountId, subscription);
		this.observedAt.put(subscription.id(), observedAt);
		return true;
	}

	@Override
	public synchronized boolean delete(String accountId, String subscriptionId) {
		Map<String, Subscription> subscriptions = this.byAccount.get(accountId);
		return subscriptions != null && subscriptions.remove(subscriptionId) != null;
	}

	@Override
	public synchronized Optional<SyncState> syncState(String accountId) {
		return Optional.ofNullable(this.syncStates.get(accountId));
	}

	@Override
	public synchronized void markSynced(String accountId, SyncState state) {
		this.syncStates.put(accountId, state);
	}

}
