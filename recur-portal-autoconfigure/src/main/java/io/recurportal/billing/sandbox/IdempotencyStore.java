package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Remembers what each idempotency key answered, as Stripe does for 24 hours: the same key
 * with the same request answers the same again and changes nothing; the same key with
 * another request is a conflict.
 * <p>
 * Only successes are remembered. A failed call changed nothing, so a retry with the same
 * key runs again: a customer whose card was declined can pay with a new card without the
 * portal inventing a new key. Not thread-safe: the gateway guards it with its lock.
 */
final class IdempotencyStore {

	/** How long Stripe keeps a key. */
	static final Duration RETENTION = Duration.ofHours(24);

	// In insertion order, which is expiry order: the clock never goes back.
	private final Map<String, Entry> entries = new LinkedHashMap<>();

	/**
	 * What a key answered before.
	 * @param key the idempotency key
	 * @param request the operation and its arguments, compared with {@code equals}
	 * @param type the type of the answer
	 * @param now the time
	 * @param <T> the type of the answer
	 * @return the earlier answer, or empty when the key is new or expired
	 * @throws PortalException {@code idempotency_conflict} when the key was used for
	 * another request
	 */
	<T> Optional<T> replay(String key, List<?> request, Class<T> type, Instant now) {
		purge(now);
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return Optional.empty();
		}
		if (!entry.request().equals(request) || !type.isInstance(entry.result())) {
			throw new PortalException(PortalErrorCode.IDEMPOTENCY_CONFLICT,
					"The idempotency key was already used for another request.");
		}
		return Optional.of(type.cast(entry.result()));
	}

	void remember(String key, List<?> request, Object result, Instant now) {
		this.entries.put(key, new Entry(request, result, now.plus(RETENTION)));
	}

	private void purge(Instant now) {
		Iterator<Entry> iterator = this.entries.values().iterator();
		while (iterator.hasNext() && !iterator.next().expiresAt().isAfter(now)) {
			iterator.remove();
		}
	}

	private record Entry(List<?> request, Object result, Instant expiresAt) {

	}

}
