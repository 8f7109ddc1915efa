package io.recurportal.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.BillingEvent;

/**
 * Refresh work in this instance's memory: the same semantics as the JDBC queue for one
 * instance, lost on restart (as the in-memory mirror is).
 */
public final class InMemoryRefreshQueue implements RefreshQueue {

	private final Map<String, Entry> entries = new HashMap<>();

	@Override
	public synchronized void add(String key, BillingEvent event, Instant now, Instant due, Instant latestDue) {
		Entry entry = this.entries.computeIfAbsent(key, (k) -> new Entry(now, latestDue));
		entry.events.add(event);
		entry.version++;
		entry.due = due.isAfter(entry.latestDue) ? entry.latestDue : due;
	}

	@Override
	public synchronized List<RefreshWork> claim(Instant dueBy, Instant now, int max, Instant claimedUntil,
			String claimId) {
		List<Map.Entry<String, Entry>> due = new ArrayList<>();
		for (Map.Entry<String, Entry> candidate : this.entries.entrySet()) {
			Entry entry = candidate.getValue();
			if (!entry.due.isAfter(dueBy) && (entry.claimedUntil == null || !entry.claimedUntil.isAfter(now))) {
				due.add(candidate);
			}
		}
		due.sort(Comparator.comparing((Map.Entry<String, Entry> candidate) -> candidate.getValue().due));
		List<RefreshWork> claimed = new ArrayList<>();
		for (Map.Entry<String, Entry> candidate : due.subList(0, Math.min(max, due.size()))) {
			Entry entry = candidate.getValue();
			entry.claimId = claimId;
			entry.claimedUntil = claimedUntil;
			claimed.add(new RefreshWork(candidate.getKey(), claimId, entry.version, entry.attempts, entry.recordedAt,
					entry.events, entry.events.size()));
		}
		return claimed;
	}

	@Override
	public synchronized boolean complete(RefreshWork work) {
		Entry entry = this.entries.get(work.key());
		if (entry == null || !work.claimId().equals(entry.claimId)) {
			return false;
		}
		if (entry.version == work.version()) {
			this.entries.remove(work.key());
			return true;
		}
		entry.events.subList(0, (int) work.consumed()).clear();
		entry.claimId = null;
		entry.claimedUntil = null;
		entry.attempts = 0;
		return true;
	}

	@Override
	public synchronized void release(RefreshWork work, Instant due, boolean failed) {
		Entry entry = this.entries.get(work.key());
		if (entry == null || !work.claimId().equals(entry.claimId)) {
			return;
		}
		entry.claimId = null;
		entry.claimedUntil = null;
		entry.due = due;
		if (failed) {
			entry.attempts++;
		}
	}

	@Override
	public synchronized Backlog backlog() {
		Optional<Instant> oldest = this.entries.values()
			.stream()
			.map((entry) -> entry.recordedAt)
			.min(Comparator.naturalOrder());
		return new Backlog(this.entries.size(), oldest);
	}

	private static final class Entry {

		private final Instant recordedAt;

		private final Instant latestDue;

		private final List<BillingEvent> events = new ArrayList<>();

		private long version;

		private int attempts;

		private Instant due;

		private @Nullable String claimId;

		private @Nullable Instant claimedUntil;

		Entry(Instant recordedAt, Instant latestDue) {
			this.recordedAt = recordedAt;
			this.latestDue = latestDue;
			this.due = latestDue;
		}

	}

}
