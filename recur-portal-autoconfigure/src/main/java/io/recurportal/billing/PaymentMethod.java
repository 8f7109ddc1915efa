package io.recurportal.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * A saved payment method of a customer.
 *
 * @param id the provider's id ({@code pm_...})
 * @param customerId the customer it is attached to
 * @param type the provider's type: {@code card}, {@code sepa_debit},
 * {@code us_bank_account}, {@code link}, ...
 * @param card the card's details when it is a card
 * @param created when it was saved
 * @param bankAccount the bank account's details when it is a debit
 */
public record PaymentMethod(String id, String customerId, String type, @Nullable Card card, Instant created,
		@Nullable BankAccount bankAccount) {

	/** The type of a card. */
	public static final String CARD = "card";

	/** The type of a SEPA Direct Debit. */
	public static final String SEPA_DEBIT = "sepa_debit";

	/** The type of Link, Stripe's saved checkout details. */
	public static final String LINK = "link";

	/**
	 * A payment method that draws on no bank account (a card, Link, a wallet).
	 * @param id the provider's id
	 * @param customerId the customer it is attached to
	 * @param type the provider's type
	 * @param card the card's details when it is a card
	 * @param created when it was saved
	 */
	public PaymentMethod(String id, String customerId, String type, @Nullable Card card, Instant created) {
		this(id, customerId, type, card, created, null);
	}

	/**
	 * Whether it is a card past its expiry month, so no charge to it can succeed.
	 * @param now the time to check at
	 * @return {@code true} for an expired card; {@code false} for anything else
	 */
	public boolean isExpiredAt(Instant now) {
		if (this.card == null || this.card.expMonth() < 1 || this.card.expMonth() > 12 || this.card.expYear() < 1) {
			return false;
		}
		Instant firstInvalid = YearMonth.of(this.card.expYear(), this.card.expMonth())
			.plusMonths(1)
			.atDay(1)
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
		return !now.isBefore(firstInvalid);
	}

}
