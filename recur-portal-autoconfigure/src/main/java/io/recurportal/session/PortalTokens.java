package io.recurportal.session;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens for portal links and browser sessions: 256 bits from a CSPRNG, URL-safe, and
 * the SHA-256 hash that is all a store ever keeps. A salt is not needed: a token this
 * long cannot be guessed from its hash.
 * <p>
 * The bits come from several independent DRBGs (NIST SP 800-90A Hash_DRBG at 256-bit
 * strength, each seeded from the operating system's entropy), one picked by the calling
 * thread: the default {@code NativePRNG} serializes every caller in the JVM on one lock,
 * which made token creation queue up under concurrent requests.
 */
public final class PortalTokens {

	/**
	 * The prefix of link tokens that open only from a confirmation page (a POST), never
	 * by a bare {@code GET}: links that travel by email, where scanners fetch every link.
	 */
	public static final String CONFIRMATION_PREFIX = "c_";

	// A power of two at least twice the processors, so that threads rarely share one.
	private static final SecureRandom[] randoms = randoms(
			Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1));

	private static final MessageDigest sha256 = sha256();

	private PortalTokens() {
	}

	/**
	 * A new token.
	 * @return 43 URL-safe characters
	 */
	public static String generate() {
		byte[] bytes = new byte[32];
		random().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * A new link token that opens only from a confirmation page.
	 * @return {@link #CONFIRMATION_PREFIX} and 43 URL-safe characters
	 * @see #needsConfirmation(String)
	 */
	public static String generateForConfirmation() {
		return CONFIRMATION_PREFIX + generate();
	}

	/**
	 * Whether a link token opens only from a confirmation page.
	 * @param token the link token
	 * @return {@code true} for a token from {@link #generateForConfirmation()}
	 */
	public static boolean needsConfirmation(String token) {
		return token.startsWith(CONFIRMATION_PREFIX) && isWellFormed(token.substring(CONFIRMATION_PREFIX.length()));
	}

	/**
	 * Whether a string has the shape of a link token of either kind, checked before any
	 * lookup.
	 * @param candidate the string
	 * @return {@code true} when it could be a link token
	 */
	public static boolean isLinkToken(String candidate) {
		return isWellFormed(candidate) || needsConfirmation(candidate);
	}

	/**
	 * A new public id with a prefix, {@code portal_sess_...} for example.
	 * @param prefix the prefix
	 * @return the id
	 */
	public static String id(String prefix) {
		byte[] bytes = new byte[16];
		random().nextBytes(bytes);
		return prefix + HexFormat.of().formatHex(bytes);
	}

	/**
	 * The hash a store keeps of a token.
	 * @param token the token
	 * @return the hex SHA-256 of the token
	 */
	public static String hash(String token) {
		return HexFormat.of().formatHex(digest().digest(token.getBytes(StandardCharsets.UTF_8)));
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

	private static SecureRandom random() {
		return randoms[(int) Thread.currentThread().getId() & (randoms.length - 1)];
	}

	private static SecureRandom[] randoms(int count) {
		SecureRandom[] randoms = new SecureRandom[count];
		for (int i = 0; i < count; i++) {
			try {
				randoms[i] = SecureRandom.getInstance("DRBG",
						DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
			}
			catch (NoSuchAlgorithmException ex) {
				// A JDK without a 256-bit DRBG: its default CSPRNG, shared.
				randoms[i] = (i == 0) ? new SecureRandom() : randoms[0];
			}
		}
		return randoms;
	}

	// A clone is much cheaper than the provider lookup of MessageDigest.getInstance.
	private static MessageDigest digest() {
		try {
			return (MessageDigest) sha256.clone();
		}
		catch (CloneNotSupportedException ex) {
			return sha256();
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required", ex);
		}
	}

}
