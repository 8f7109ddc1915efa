package io.recurportal.billing.sandbox;

import java.time.Instant;

import io.recurportal.billing.PaymentMethod;
import org.jspecify.annotations.Nullable;

/**
 * A card saved to a customer: the payment method the portal sees, and how the test card
 * behaves when charged. Immutable; the sandbox never changes a saved card.
 *
 * @param method the payment method
 * @param details the card, without its number
 * @param sequence the order it was saved in, to list newest first
 */
record SavedCard(PaymentMethod method, CardDetails details, long sequence) {

	String id() {
		return this.method.id();
	}

	String customerId() {
		return this.method.customerId();
	}

	/**
	 * Why a charge at a given time fails, as Stripe would say it.
	 * @param now when it is charged
	 * @return the decline message, or {@code null} when the charge succeeds
	 */
	@Nullable String declineAt(Instant now) {
		if (this.details.isExpiredAt(now)) {
			return "Your card has expired.";
		}
		return this.details.behavior().chargeDecline();
	}

}
