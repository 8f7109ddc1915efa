package io.recurportal.billing.sandbox;

import org.jspecify.annotations.Nullable;

/**
 * What a test card does when it is saved and when it is charged, as Stripe's test cards
 * do.
 */
enum CardBehavior {

	/** Saves and every charge succeeds. */
	SUCCEEDS(null, null),

	/** Declined when saved ({@code card_declined}). */
	DECLINED_AT_ATTACH("Your card was declined.", null),

	/** Declined when saved ({@code insufficient_funds}). */
	INSUFFICIENT_FUNDS_AT_ATTACH("Your card has insufficient funds.", null),

	/** Saves, then every charge is declined. */
	CHARGES_FAIL(null, "Your card was declined.");

	private final @Nullable String attachDecline;

	private final @Nullable String chargeDecline;

	CardBehavior(@Nullable String attachDecline, @Nullable String chargeDecline) {
		this.attachDecline = attachDecline;
		this.chargeDecline = chargeDecline;
	}

	/**
	 * Why saving the card fails.
	 * @return the message a customer sees, or {@code null} when it saves
	 */
	@Nullable String attachDecline() {
		return this.attachDecline;
	}

	/**
	 * Why charging the card fails.
	 * @return the message a customer sees, or {@code null} when charges succeed
	 */
	@Nullable String chargeDecline() {
		return this.chargeDecline;
	}

}
