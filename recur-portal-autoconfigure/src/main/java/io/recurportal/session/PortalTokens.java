package io.recurportal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens for portal links and browser sessions: 256 bits from a CSPRNG, URL-safe, and
 * the SHA-256 hash that is all a store ever keeps. A salt is not needed: a token this
 * long cannot be guessed from its hash.
 */
public final class PortalTokens {

	private static final SecureRandom random = new SecureRandom();

	private PortalTokens() {
	}

	/**
	 * A new token.
	 * @return 43 URL-safe characters
	 */
	public static String generate() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * A new public id with a prefix, {@code portal_sess_...} for example.
	 * @param prefix the prefix
	 * @return the id
	 */
	public static String id(String prefix) {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return prefix + HexFormat.of().formatHex(bytes);
	}

	/**
	 * The hash a store keeps of a token.
	 * @param token the token
	 * @return the hex SHA-256 of the token
	 */
	public static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required", ex);
		}
	}

	/**
	 * Whether a string has the shape of a token, checked before any lookup.
	 * @param candidate the string
	 * @return {@code true} when it could be a token
	 */
	public static boolean isWellFormed(String candidate) {
		return candidate.length() == 43 && candidate.chars()
			.allMatch((c) -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_');
	}

}
