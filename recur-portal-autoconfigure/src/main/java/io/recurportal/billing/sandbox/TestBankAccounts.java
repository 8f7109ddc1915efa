package io.recurportal.billing.sandbox;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;

import io.recurportal.billing.BankAccount;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Reads IBANs for SEPA Direct Debit the way Stripe's test mode takes them: any IBAN
 * whose check digits are right saves and is charged at once (Stripe's test IBAN
 * {@code DE89 3704 0044 0532 0130 00}); the sandbox has no delay before a debit settles.
 */
final class TestBankAccounts {

	/** Stripe's test IBAN, which succeeds. */
	static final String TEST_IBAN = "DE89370400440532013000";

	private TestBankAccounts() {
	}

	/**
	 * Reads an IBAN.
	 * @param iban the IBAN, spaces allowed
	 * @return its details, which never expire
	 * @throws PortalException {@code invalid_card} when it is not a valid IBAN
	 */
	static CardDetails read(String iban) {
		String compact = iban.replace(" ", "").toUpperCase(Locale.ROOT);
		if (compact.length() < 15 || compact.length() > 34 || !compact.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]+")) {
			throw new PortalException(PortalErrorCode.INVALID_CARD, "Your IBAN is incomplete.");
		}
		String rearranged = compact.substring(4) + compact.substring(0, 4);
		StringBuilder digits = new StringBuilder();
		for (char c : rearranged.toCharArray()) {
			digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
		}
		if (new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() != 1) {
			throw new PortalException(PortalErrorCode.INVALID_CARD, "Your IBAN is invalid.");
		}
		String last4 = compact.substring(compact.length() - 4);
		String fingerprint = HexFormat.of().formatHex(Digests.sha256(compact), 0, 8);
		return new CardDetails("sepa_debit", last4, 12, 2099, CardBehavior.SUCCEEDS, fingerprint,
				new BankAccount(null, last4));
	}

}
