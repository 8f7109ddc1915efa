package io.recurportal.billing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Derives the idempotency key a portal action sends its provider. The same parts give
 * the same key, so a retried request changes nothing twice; the caller's account and
 * the action are always part of it, so a client-supplied key can never collide with
 * another account's or another action's.
 */
public final class IdempotencyKeys {

	private static final String PREFIX = "rp_";

	private IdempotencyKeys() {
	}

	/**
	 * The key for an action.
	 * @param parts what identifies the action: account, action name, target, arguments,
	 * the client's own key when it sent one; {@code null} parts count as empty
	 * @return a key of 67 characters
	 */
	public static String derive(@Nullable Object... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Object part : parts) {
				byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
				// Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
				digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
				digest.update((byte) ':');
				digest.update(bytes);
			}
			return PREFIX + HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required", ex);
		}
	}

}
