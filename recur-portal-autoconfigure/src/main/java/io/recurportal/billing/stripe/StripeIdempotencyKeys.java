package io.recurportal.billing.stripe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.stripe.net.RequestOptions;

import org.springframework.util.Assert;

/**
 * Turns the idempotency key of a portal action into the {@code Idempotency-Key}s sent to
 * Stripe. Stripe accepts at most 255 characters, so longer keys (and keys a header
 * cannot carry as they are) are replaced by their SHA-256 in hex. When one portal action
 * makes several Stripe mutations, each gets a key derived from the action's key and the
 * step's name, so a retry of the whole action replays every step instead of repeating
 * it.
 */
public final class StripeIdempotencyKeys {

	/** The longest key Stripe accepts. */
	public static final int MAX_LENGTH = 255;

	private static final String HASH_PREFIX = "sha256-";

	private StripeIdempotencyKeys() {
	}

	/**
	 * The key to send to Stripe for a portal action's key.
	 * @param key the portal action's key
	 * @return the key itself when Stripe accepts it, else a deterministic hash of it
	 */
	public static String of(String key) {
		Assert.hasText(key, "'key' must not be empty");
		return (key.length() <= MAX_LENGTH && isHeaderSafe(key)) ? key : HASH_PREFIX + sha256(key);
	}

	/**
	 * The key of one step of a portal action that makes several Stripe mutations.
	 * @param key the portal action's key
	 * @param step the step's name, {@code customer} for example
	 * @return a key that is the same whenever the action and step are
	 */
	public static String derive(String key, String step) {
		Assert.hasText(key, "'key' must not be empty");
		Assert.hasText(step, "'step' must not be empty");
		return of(key + ":" + step);
	}

	/**
	 * Request options carrying an idempotency key.
	 * @param key the key, as returned by {@link #of} or {@link #derive}
	 * @return the options
	 */
	static RequestOptions requestOptions(String key) {
		return RequestOptions.builder().setIdempotencyKey(key).build();
	}

	// HTTP header values are safely only visible ASCII: anything else is hashed.
	private static boolean isHeaderSafe(String key) {
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	// Package-private: the hosted portal's configuration hashes use it too.
	static String sha256(String value) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
