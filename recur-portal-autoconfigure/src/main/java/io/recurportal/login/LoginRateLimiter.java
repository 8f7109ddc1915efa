package io.recurportal.login;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts login requests per key (an email, a client address) so a key can make at most
 * {@code limit} requests per window. In memory by default; a shared implementation lets
 * several instances count together.
 */
public interface LoginRateLimiter {

	/**
	 * Counts one request for a key, unless its limit is reached.
	 * @param key what is limited, {@code email:alice@example.com} for example
	 * @param limit how many requests the key may make per window
	 * @param window the length of a window
	 * @param now the time of the request
	 * @return {@code true} when the request is allowed and was counted, {@code false}
	 * when the limit is reached
	 */
	boolean tryAcquire(String key, int limit, Duration window, Instant now);

}
