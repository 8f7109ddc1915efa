package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.BankAccount;
import io.recurportal.billing.Card;
import io.recurportal.billing.PaymentMethod;

/**
 * A card number read by {@link TestCards}, or a test IBAN read by
 * {@link TestBankAccounts}, reduced to what may be kept: never the number, only its last
 * four digits. A bank account never expires, so it carries a far expiry.
 *
 * @param brand the brand, {@code visa} for example
 * @param last4 the last four digits
 * @param expMonth the expiry month, 1 to 12
 * @param expYear the four-digit expiry year
 * @param behavior what the card does when saved and charged
 * @param fingerprint a one-way digest of the number, to tell requests apart without
 * keeping the number
 * @param bankAccount the bank account when it is a SEPA debit, else {@code null}
 */
record CardDetails(String brand, String last4, int expMonth, int expYear, CardBehavior behavior,
		String fingerprint, @Nullable BankAccount bankAccount) {

	CardDetails(String brand, String last4, int expMonth, int expYear, CardBehavior behavior, String fingerprint) {
		this(brand, last4, expMonth, expYear, behavior, fingerprint, null);
	}

	/**
	 * Whether the card has expired: it is valid through the last day of its expiry month.
	 * @param now the time to check at
	 * @return {@code true} when expired
	 */
	boolean isExpiredAt(Instant now) {
		Instant firstInvalid = YearMonth.of(this.expYear, this.expMonth)
			.plusMonths(1)
			.atDay(1)
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
		return !now.isBefore(firstInvalid);
	}

	/**
	 * What a portal may show of the card.
	 * @return the card
	 */
	Card toCard() {
		return new Card(this.brand, this.last4, this.expMonth, this.expYear);
	}

	/**
	 * The payment method the portal sees once it is saved.
	 * @param id its id
	 * @param customerId its customer
	 * @param now when it is saved
	 * @return the payment method
	 */
	PaymentMethod toPaymentMethod(String id, String customerId, Instant now) {
		if (this.bankAccount != null) {
			return new PaymentMethod(id, customerId, PaymentMethod.SEPA_DEBIT, null, now, this.bankAccount);
		}
		return new PaymentMethod(id, customerId, PaymentMethod.CARD, toCard(), now);
	}

}
