package io.recurportal.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.recurportal.billing.BankAccount;
import io.recurportal.billing.Card;
import io.recurportal.customer.SavedPaymentMethod;

/**
 * A saved payment method as the API shows it: its type, and what may be shown of a card
 * or a bank account.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PaymentMethodView(String id, String type, boolean isDefault, boolean expired, Instant created,
		@Nullable CardView card, @Nullable BankAccountView bankAccount) {

	static PaymentMethodView of(SavedPaymentMethod saved) {
		Card card = saved.method().card();
		BankAccount bank = saved.method().bankAccount();
		return new PaymentMethodView(saved.method().id(), saved.method().type(), saved.isDefault(), saved.expired(),
				saved.method().created(),
				(card != null) ? new CardView(card.brand(), card.last4(), card.expMonth(), card.expYear()) : null,
				(bank != null) ? new BankAccountView(bank.bankName(), bank.last4()) : null);
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record CardView(String brand, String last4, int expMonth, int expYear) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record BankAccountView(@Nullable String bankName, String last4) {

	}

}
