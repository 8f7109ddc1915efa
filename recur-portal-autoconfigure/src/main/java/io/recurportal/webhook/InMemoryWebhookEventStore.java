package io.recurportal.webhook;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Processed event ids in this JVM's memory, up to a capacity after which the oldest
 * are forgotten: right for one instance; use the JDBC store when several instances
 * receive webhooks.
 */
public final class InMemoryWebhookEventStore implements WebhookEventStore {

	private final Map<String, Claim> claims = new LinkedHashMap<>();

	private final int capacity;

	/**
	 * Creates a store.
	 * @param capacity how many event ids to keep at most, at least 1
	 */
	public InMemoryWebhookEventStore(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1");
		}
		this.capacity = capacity;
	}

	@Override
	public synchronized boolean claim(String eventId, String eventType, String claimId, Instant receivedAt) {
		if (this.claims.containsKey(eventId)) {
			return false;
		}
		if (this.claims.size() == this.capacity) {
			Iterator<String> oldest = this.claims.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
		this.claims.put(eventId, new Claim(claimId, receivedAt));
		return true;
	}

	@Override
	public synchronized void release(String eventId, String claimId) {
		Claim claim = this.claims.get(eventId);
		if (claim != null && claim.claimId().equals(claimId)) {
			this.claims.remove(eventId);
		}
	}

	@Override
	public synchronized boolean isProcessed(String eventId) {
		return this.claims.containsKey(eventId);
	}

	@Override
	public synchronized int deleteReceivedBefore(Instant before) {
		int deleted = 0;
		Iterator<Claim> claims = this.claims.values().iterator();
		while (claims.hasNext()) {
			if (claims.next().receivedAt().isBefore(before)) {
				claims.remove();
				deleted++;
			}
		}
		return deleted;
	}

	private record Claim(String claimId, Instant receivedAt) {

	}

}
