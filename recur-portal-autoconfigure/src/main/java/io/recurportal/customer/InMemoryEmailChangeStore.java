package io.recurportal.customer;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pending email changes in this JVM's memory: right for one instance; use the JDBC store
 * when several instances serve the portal.
 */
public final class InMemoryEmailChangeStore implements EmailChangeStore {

	private final Map<String, Entry> byCustomerId = new HashMap<>();

	private final Map<String, String> customerIdByTokenHash = new HashMap<>();

	@Override
	public synchronized void save(PendingEmailChange change, String tokenHash) {
		Entry previous = this.byCustomerId.put(change.customerId(), new Entry(change, tokenHash));
		if (previous != null) {
			this.customerIdByTokenHash.remove(previous.tokenHash());
		}
		this.customerIdByTokenHash.put(tokenHash, change.customerId());
	}

	@Override
	public synchronized Optional<PendingEmailChange> findByTokenHash(String tokenHash, Instant now) {
		return Optional.ofNullable(this.customerIdByTokenHash.get(tokenHash))
			.map(this.byCustomerId::get)
			.map(Entry::change)
			.filter((change) -> change.isActive(now));
	}

	@Override
	public synchronized Optional<PendingEmailChange> findByCustomerId(String customerId, Instant now) {
		return Optional.ofNullable(this.byCustomerId.get(customerId))
			.map(Entry::change)
			.filter((change) -> change.isActive(now));
	}

	@Override
	public synchronized Optional<PendingEmailChange> redeem(String tokenHash, Instant now) {
		Optional<PendingEmailChange> change = findByTokenHash(tokenHash, now);
		change.ifPresent((redeemed) -> {
			this.customerIdByTokenHash.remove(tokenHash);
			this.byCustomerId.remove(redeemed.customerId());
		});
		return change;
	}

	private record Entry(PendingEmailChange change, String tokenHash) {

	}

}
