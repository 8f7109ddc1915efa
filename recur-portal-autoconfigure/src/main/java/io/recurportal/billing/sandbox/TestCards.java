package io.recurportal.billing.sandbox;

import java.util.HexFormat;
import java.util.Map;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Reads card numbers the way Stripe's test mode does: any Luhn-valid number works, and
 * a few well-known numbers decline.
 * <ul>
 * <li>{@code 4242 4242 4242 4242} visa, {@code 5555 5555 5555 4444} mastercard,
 * {@code 3782 822463 10005} amex: succeed</li>
 * <li>{@code 4000 0000 0000 0002}: declined when saved ({@code card_declined})</li>
 * <li>{@code 4000 0000 0000 9995}: declined when saved ({@code insufficient_funds})</li>
 * <li>{@code 4000 0000 0000 0341}: saves, then every charge fails</li>
 * </ul>
 */
final class TestCards {

	/** Declined when saved. */
	static final String DECLINED = "4000000000000002";

	/** Declined when saved for insufficient funds. */
	static final String INSUFFICIENT_FUNDS = "4000000000009995";

	/** Saves, then every charge fails. */
	static final String CHARGES_FAIL = "4000000000000341";

	private static final Map<String, CardBehavior> SPECIAL = Map.of(DECLINED, CardBehavior.DECLINED_AT_ATTACH,
			INSUFFICIENT_FUNDS, CardBehavior.INSUFFICIENT_FUNDS_AT_ATTACH, CHARGES_FAIL, CardBehavior.CHARGES_FAIL);

	private TestCards() {
	}

	/**
	 * Reads a card: its number (spaces allowed), expiry month and year (two or four
	 * digits). Does not check the expiry against a date; see
	 * {@link CardDetails#isExpiredAt}.
	 * @param number the card number
	 * @param expMonth the expiry month
	 * @param expYear the expiry year
	 * @return the card's details
	 * @throws PortalException {@code invalid_card} when the number or month is not valid
	 */
	static CardDetails read(String number, int expMonth, int expYear) {
		String digits = number.replace(" ", "");
		if (digits.length() < 12 || digits.length() > 19 || !digits.chars().allMatch(TestCards::isAsciiDigit)) {
			throw invalid("Your card number is incomplete or not a number.");
		}
		if (!passesLuhn(digits)) {
			throw invalid("Your card number is invalid.");
		}
		if (expMonth < 1 || expMonth > 12) {
			throw invalid("Your card's expiration month is invalid.");
		}
		// Stripe takes two- and four-digit years.
		int year = (expYear >= 0 && expYear < 100) ? 2000 + expYear : expYear;
		if (year < 2000 || year > 2100) {
			throw invalid("Your card's expiration year is invalid.");
		}
		CardBehavior behavior = SPECIAL.getOrDefault(digits, CardBehavior.SUCCEEDS);
		return new CardDetails(brandOf(digits), digits.substring(digits.length() - 4), expMonth, year, behavior,
				fingerprint(digits));
	}

	/**
	 * The card brand from the leading digits, as Stripe names it.
	 * @param digits the card number
	 * @return the brand, {@code unknown} when no known range matches
	 */
	static String brandOf(String digits) {
		int two = Integer.parseInt(digits.substring(0, 2));
		int four = Integer.parseInt(digits.substring(0, 4));
		if (digits.startsWith("4")) {
			return "visa";
		}
		if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
			return "mastercard";
		}
		if (two == 34 || two == 37) {
			return "amex";
		}
		if (digits.startsWith("6011") || two == 65 || (four >= 6440 && four <= 6499)) {
			return "discover";
		}
		if (two == 35) {
			return "jcb";
		}
		if (two == 36 || two == 38 || two == 39 || (four >= 3000 && four <= 3059)) {
			return "diners";
		}
		if (two == 62) {
			return "unionpay";
		}
		return "unknown";
	}

	static boolean passesLuhn(String digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (doubled) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	private static boolean isAsciiDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private static String fingerprint(String digits) {
		return HexFormat.of().formatHex(Digests.sha256(digits), 0, 8);
	}

	private static PortalException invalid(String message) {
		return new PortalException(PortalErrorCode.INVALID_CARD, message);
	}

}
