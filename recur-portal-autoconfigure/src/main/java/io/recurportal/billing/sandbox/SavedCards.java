package io.recurportal.billing.sandbox;

import java.time.Instant;

import io.recurportal.billing.PaymentMethod;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Saves cards to customers and chooses the default one.
 */
final class SavedCards {

	private SavedCards() {
	}

	/**
	 * Saves a card to a customer, as Stripe attaches a payment method: checked and
	 * possibly declined, but not made the default.
	 * @param ledger the ledger
	 * @param customer the customer
	 * @param card the card read from what the customer typed
	 * @param now the time
	 * @return the saved card
	 * @throws PortalException {@code invalid_card} when expired, {@code payment_failed}
	 * when the card is declined
	 */
	static SavedCard attach(SandboxLedger ledger, SandboxCustomer customer, CardDetails card, Instant now) {
		if (card.isExpiredAt(now)) {
			throw new PortalException(PortalErrorCode.INVALID_CARD, "Your card has expired.");
		}
		String decline = card.behavior().attachDecline();
		if (decline != null) {
			throw new PortalException(PortalErrorCode.PAYMENT_FAILED, decline);
		}
		return add(ledger, customer, card, now);
	}

	/**
	 * Saves a card without checking it, for seeded customers whose cards may be expired.
	 * @param ledger the ledger
	 * @param customer the customer
	 * @param card the card
	 * @param now the time
	 * @return the saved card
	 */
	static SavedCard add(SandboxLedger ledger, SandboxCustomer customer, CardDetails card, Instant now) {
		PaymentMethod method = card.toPaymentMethod(ledger.newId("pm"), customer.id, now);
		SavedCard saved = new SavedCard(method, card, ledger.nextSequence());
		ledger.add(saved);
		return saved;
	}

	/**
	 * Makes a card the customer's default and the default of the customer's subscriptions
	 * that have not ended.
	 * @param ledger the ledger
	 * @param customerId the customer
	 * @param paymentMethodId one of the customer's cards
	 * @return the customer
	 */
	static SandboxCustomer setDefault(SandboxLedger ledger, String customerId, String paymentMethodId) {
		SandboxCustomer customer = ledger.requireCustomer(customerId);
		SavedCard card = ledger.requireCard(paymentMethodId, customerId);
		customer.defaultPaymentMethodId = card.id();
		for (SandboxSubscription subscription : ledger.subscriptionsOf(customerId)) {
			if (!subscription.isEnded()) {
				subscription.defaultPaymentMethodId = card.id();
			}
		}
		return customer;
	}

	/**
	 * Removes a saved card (or bank account) from its customer, as Stripe detaches a
	 * payment method: the customer's and subscriptions' default no longer name it.
	 * @param ledger the ledger
	 * @param customerId the customer
	 * @param paymentMethodId one of the customer's payment methods
	 * @return the removed card
	 */
	static SavedCard detach(SandboxLedger ledger, String customerId, String paymentMethodId) {
		SandboxCustomer customer = ledger.requireCustomer(customerId);
		SavedCard card = ledger.requireCard(paymentMethodId, customerId);
		ledger.remove(card);
		if (card.id().equals(customer.defaultPaymentMethodId)) {
			customer.defaultPaymentMethodId = null;
		}
		for (SandboxSubscription subscription : ledger.subscriptionsOf(customerId)) {
			if (card.id().equals(subscription.defaultPaymentMethodId)) {
				subscription.defaultPaymentMethodId = null;
			}
		}
		return card;
	}

}
