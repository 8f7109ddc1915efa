package io.recurportal.billing;

import java.text.Normalizer;

import org.jspecify.annotations.Nullable;

/**
 * The one normalisation of email addresses, used wherever an email is a key: login rate
 * limits, customer lookups in every provider, the static login link, profile updates and
 * the server API. Two spellings are the same address exactly when their
 * {@link #normalize(String) normal forms} are equal, so a rate limit can never count
 * apart two spellings that a lookup would match to the same customer.
 * <p>
 * The normal form is the address trimmed, in Unicode NFKC (so full-width and other
 * compatibility forms become their plain letters), then case folded code point by code
 * point with {@code toLowerCase(toUpperCase(c))}, which does not depend on the default
 * locale. That fold is the comparison {@link String#equalsIgnoreCase(String)} makes, so
 * everything it used to match still matches, and nothing more. In particular the Turkish
 * forms fold to the plain {@code i}: dotted capital {@code İ} (U+0130) and dotless
 * {@code ı} (U+0131) both become {@code i}, so {@code alİce@example.com},
 * {@code alıce@example.com} and {@code ALICE@example.com} are one address with
 * {@code alice@example.com}: the same rate-limit key and the same customer.
 */
public final class EmailAddresses {

	/**
	 * What to say when an email matches several customers, for providers to share.
	 */
	public static final String AMBIGUOUS_MESSAGE = "Several customers have this email; "
			+ "name the customer by customerId or externalId.";

	/**
	 * The longest address accepted, in normal form: RFC 5321's 64-character local part,
	 * {@code @} and 255-character domain. NFKC can lengthen text many times over, so
	 * the normal form is what is measured, before it becomes a key anywhere.
	 */
	public static final int MAX_LENGTH = 320;

	private EmailAddresses() {
	}

	/**
	 * Whether an address is short enough, in normal form, to be a key.
	 * @param email the address as entered
	 * @return {@code true} when its normal form has at most {@value #MAX_LENGTH} characters
	 */
	public static boolean fits(String email) {
		return email.length() <= MAX_LENGTH && normalize(email).length() <= MAX_LENGTH;
	}

	/**
	 * The normal form of an address: trimmed, NFKC, case folded.
	 * @param email the address as entered
	 * @return its normal form
	 */
	public static String normalize(String email) {
		String composed = Normalizer.normalize(email.strip(), Normalizer.Form.NFKC);
		StringBuilder folded = new StringBuilder(composed.length());
		composed.codePoints().map((c) -> Character.toLowerCase(Character.toUpperCase(c))).forEach(folded::appendCodePoint);
		return folded.toString();
	}

	/**
	 * Whether two addresses are the same address.
	 * @param first an address, or {@code null}
	 * @param second another address, or {@code null}
	 * @return {@code true} when both are present and have the same normal form
	 */
	public static boolean same(@Nullable String first, @Nullable String second) {
		return first != null && second != null && normalize(first).equals(normalize(second));
	}

}
