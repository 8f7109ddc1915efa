package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import io.recurportal.billing.Card;

/**
 * A card number read by {@link TestCards}, reduced to what may be kept: never the
 * number, only its last four digits.
 *
 * @param brand the brand, {@code visa} for example
 * @param last4 the last four digits
 * @param expMonth the expiry month, 1 to 12
 * @param expYear the four-digit expiry year
 * @param behavior what the card does when saved and charged
 * @param fingerprint a one-way digest of the number, to tell requests apart without
 * keeping the number
 */
record CardDetails(String brand, String last4, int expMonth, int expYear, CardBehavior behavior,
		String fingerprint) {

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

}
