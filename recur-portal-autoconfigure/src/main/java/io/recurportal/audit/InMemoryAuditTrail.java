package io.recurportal.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * An audit trail in memory that keeps the latest entries up to a capacity, so a
 * long-running process does not grow without bound. Use the JDBC trail to keep them all.
 */
public final class InMemoryAuditTrail implements AuditTrail {

	private final Deque<AuditEntry> entries = new ArrayDeque<>();

	private final int capacity;

	public InMemoryAuditTrail(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1");
		}
		this.capacity = capacity;
	}

	@Override
	public synchronized void record(AuditEntry entry) {
		if (this.entries.size() == this.capacity) {
			this.entries.removeLast();
		}
		this.entries.addFirst(entry);
	}

	@Override
	public synchronized List<AuditEntry> findByAccount(String accountId, int limit) {
		List<AuditEntry> found = new ArrayList<>();
		Iterator<AuditEntry> iterator = this.entries.iterator();
		while (iterator.hasNext() && found.size() < limit) {
			AuditEntry entry = iterator.next();
			if (entry.accountId().equals(accountId)) {
				found.add(entry);
			}
		}
		return found;
	}

}
