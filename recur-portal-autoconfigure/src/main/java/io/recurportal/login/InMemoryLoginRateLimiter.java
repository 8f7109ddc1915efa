package io.recurportal.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window {@link LoginRateLimiter} for one instance: each key counts requests in
 * a window that starts with its first request. Thread-safe; windows that have ended are
 * dropped as the map grows, so it stays small.
 */
public final class InMemoryLoginRateLimiter implements LoginRateLimiter {

	// Past this many keys, ended windows are swept before a new key is added.
	private static final int SWEEP_THRESHOLD = 10_000;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	@Override
	public boolean tryAcquire(String key, int limit, Duration window, Instant now) {
		if (limit <= 0) {
			return false;
		}
		if (this.windows.size() >= SWEEP_THRESHOLD) {
			this.windows.values().removeIf((candidate) -> !now.isBefore(candidate.end()));
		}
		boolean[] allowed = new boolean[1];
		this.windows.compute(key, (k, current) -> {
			if (current == null || !now.isBefore(current.end())) {
				allowed[0] = true;
				return new Window(now.plus(window), 1);
			}
			if (current.count() < limit) {
				allowed[0] = true;
				return new Window(current.end(), current.count() + 1);
			}
			return current;
		});
		return allowed[0];
	}

	private record Window(Instant end, int count) {

	}

}
