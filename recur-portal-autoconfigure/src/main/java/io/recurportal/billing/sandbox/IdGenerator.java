package io.recurportal.billing.sandbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Makes Stripe-shaped ids from counters, one per prefix, so the same seed gives the same
 * ids on every start and demo links keep working.
 */
final class IdGenerator {

	private final Map<String, Long> counters;

	IdGenerator() {
		this(new HashMap<>());
	}

	private IdGenerator(Map<String, Long> counters) {
		this.counters = counters;
	}

	/**
	 * The next id with a prefix, skipping ids already taken (seeds may use any id).
	 * @param prefix {@code in}, {@code pm}, {@code cus}, ...
	 * @param taken whether an id is in use
	 * @return the id, {@code in_sbx000001} for example
	 */
	String next(String prefix, Predicate<String> taken) {
		String id;
		do {
			long count = this.counters.merge(prefix, 1L, Long::sum);
			id = prefix + "_sbx" + String.format("%06d", count);
		}
		while (taken.test(id));
		return id;
	}

	IdGenerator copy() {
		return new IdGenerator(new HashMap<>(this.counters));
	}

}
