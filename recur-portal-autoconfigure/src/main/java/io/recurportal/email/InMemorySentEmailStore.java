package io.recurportal.email;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * Sent billing emails in this JVM's memory, up to a capacity after which the oldest are
 * forgotten: right for one instance; use the JDBC store when several instances receive
 * provider events.
 */
public final class InMemorySentEmailStore implements SentEmailStore {

	/** How many claims are kept unless told otherwise. */
	public static final int DEFAULT_CAPACITY = 10_000;

	private final Map<Key, Claim> claims = new LinkedHashMap<>();

	private final int capacity;

	/**
	 * Creates a store keeping {@link #DEFAULT_CAPACITY} claims.
	 */
	public InMemorySentEmailStore() {
		this(DEFAULT_CAPACITY);
	}

	/**
	 * Creates a store.
	 * @param capacity how many claims to keep at most, at least 1
	 */
	public InMemorySentEmailStore(int capacity) {
		Assert.isTrue(capacity >= 1, "capacity must be at least 1");
		this.capacity = capacity;
	}

	@Override
	public synchronized boolean claim(String eventId, String kind, String claimId, Instant claimedAt) {
		Key key = new Key(eventId, kind);
		if (this.claims.containsKey(key)) {
			return false;
		}
		if (this.claims.size() == this.capacity) {
			Iterator<Key> oldest = this.claims.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
		this.claims.put(key, new Claim(claimId, claimedAt));
		return true;
	}

	@Override
	public synchronized void release(String eventId, String kind, String claimId) {
		Key key = new Key(eventId, kind);
		Claim claim = this.claims.get(key);
		if (claim != null && claim.claimId().equals(claimId)) {
			this.claims.remove(key);
		}
	}

	@Override
	public synchronized int deleteClaimedBefore(Instant before) {
		int deleted = 0;
		Iterator<Claim> claims = this.claims.values().iterator();
		while (claims.hasNext()) {
			if (claims.next().claimedAt().isBefore(before)) {
				claims.remove();
				deleted++;
			}
		}
		return deleted;
	}

	private record Key(String eventId, String kind) {

	}

	private record Claim(String claimId, Instant claimedAt) {

	}

}
