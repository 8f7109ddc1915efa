package io.recurportal.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Portal sessions in this JVM's memory: right for one instance; use the JDBC store when
 * several instances serve the portal.
 */
public final class InMemoryPortalSessionStore implements PortalSessionStore {

	private final Map<String, Entry> byId = new HashMap<>();

	private final Map<String, String> idByTokenHash = new HashMap<>();

	private final Map<String, String> idByBrowserTokenHash = new HashMap<>();

	@Override
	public synchronized void create(PortalSession session, String tokenHash) {
		if (this.byId.containsKey(session.id()) || this.idByTokenHash.containsKey(tokenHash)) {
			throw new IllegalStateException("Duplicate portal session " + session.id());
		}
		this.byId.put(session.id(), new Entry(session, tokenHash, null));
		this.idByTokenHash.put(tokenHash, session.id());
	}

	@Override
	public synchronized Optional<PortalSession> findById(String id) {
		return Optional.ofNullable(this.byId.get(id)).map(Entry::session);
	}

	@Override
	public synchronized Optional<PortalSession> findByTokenHash(String tokenHash) {
		return Optional.ofNullable(this.idByTokenHash.get(tokenHash)).flatMap(this::findById);
	}

	@Override
	public synchronized Optional<PortalSession> redeem(String tokenHash, String browserTokenHash, Instant now,
			Instant browserExpiresAt) {
		Entry entry = Optional.ofNullable(this.idByTokenHash.get(tokenHash)).map(this.byId::get).orElse(null);
		if (entry == null || entry.session().accessedAt() != null || !now.isBefore(entry.session().expiresAt())) {
			return Optional.empty();
		}
		PortalSession redeemed = entry.session().redeemed(now, browserExpiresAt);
		this.byId.put(redeemed.id(), new Entry(redeemed, tokenHash, browserTokenHash));
		this.idByBrowserTokenHash.put(browserTokenHash, redeemed.id());
		return Optional.of(redeemed);
	}

	@Override
	public synchronized Optional<PortalSession> findByBrowserTokenHash(String browserTokenHash, Instant now) {
		return Optional.ofNullable(this.idByBrowserTokenHash.get(browserTokenHash))
			.flatMap(this::findById)
			.filter((session) -> session.browserExpiresAt() != null && now.isBefore(session.browserExpiresAt()));
	}

	@Override
	public synchronized void endBrowserSession(String browserTokenHash) {
		String id = this.idByBrowserTokenHash.remove(browserTokenHash);
		Entry entry = (id != null) ? this.byId.get(id) : null;
		if (entry != null) {
			Instant accessedAt = Objects.requireNonNull(entry.session().accessedAt());
			this.byId.put(id, new Entry(entry.session().redeemed(accessedAt, accessedAt), entry.tokenHash(), null));
		}
	}

	@Override
	public synchronized int deleteExpired(Instant before) {
		int deleted = 0;
		Iterator<Entry> entries = this.byId.values().iterator();
		while (entries.hasNext()) {
			Entry entry = entries.next();
			PortalSession session = entry.session();
			Instant end = (session.browserExpiresAt() != null && session.browserExpiresAt().isAfter(session.expiresAt()))
					? session.browserExpiresAt() : session.expiresAt();
			if (end.isBefore(before)) {
				entries.remove();
				this.idByTokenHash.remove(entry.tokenHash());
				if (entry.browserTokenHash() != null) {
					this.idByBrowserTokenHash.remove(entry.browserTokenHash());
				}
				deleted++;
			}
		}
		return deleted;
	}

	private record Entry(PortalSession session, String tokenHash, @Nullable String browserTokenHash) {

	}

}
