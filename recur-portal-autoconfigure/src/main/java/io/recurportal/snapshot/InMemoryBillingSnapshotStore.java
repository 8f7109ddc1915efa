package io.recurportal.snapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Billing snapshots in this JVM's memory: right for one instance; use the JDBC store
 * when several instances serve the portal, or a change one of them learns of is not
 * seen by the others.
 */
public final class InMemoryBillingSnapshotStore implements BillingSnapshotStore {

	private final Map<String, Map<String, BillingSnapshot>> snapshots = new ConcurrentHashMap<>();

	private final Map<String, Instant> changes = new ConcurrentHashMap<>();

	@Override
	public Optional<BillingSnapshot> find(String accountId, String kind) {
		BillingSnapshot snapshot = this.snapshots.getOrDefault(accountId, Map.of()).get(kind);
		Instant changedAt = this.changes.get(accountId);
		if (snapshot == null || (changedAt != null && !snapshot.readAt().isAfter(changedAt))) {
			return Optional.empty();
		}
		return Optional.of(snapshot);
	}

	@Override
	public void save(String accountId, String kind, BillingSnapshot snapshot) {
		this.snapshots.computeIfAbsent(accountId, (key) -> new ConcurrentHashMap<>())
			.merge(kind, snapshot, (stored, given) -> stored.readAt().isAfter(given.readAt()) ? stored : given);
	}

	@Override
	public void invalidate(String accountId, Instant changedAt) {
		this.changes.merge(accountId, changedAt, (stored, given) -> stored.isAfter(given) ? stored : given);
		this.snapshots.remove(accountId);
	}

}
