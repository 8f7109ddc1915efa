package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;

import io.recurportal.billing.Price;

/**
 * Where billing periods end. Every period end is counted from the subscription's billing
 * anchor, as Stripe does, so a subscription started on 31 January renews on 28 February
 * and then on 31 March, not on the 28th for ever.
 */
final class BillingPeriods {

	private BillingPeriods() {
	}

	/**
	 * The end of a period.
	 * @param anchor the billing anchor
	 * @param price the price, whose interval sets the period's length
	 * @param index the period, 0 for the one starting at the anchor
	 * @return the end of that period
	 */
	static Instant end(Instant anchor, Price price, long index) {
		return price.interval()
			.addTo(anchor.atZone(ZoneOffset.UTC), (index + 1) * price.intervalCount())
			.toInstant();
	}

	/**
	 * Moves a subscription to its next period.
	 * @param subscription the subscription
	 * @param price its price
	 */
	static void roll(SandboxSubscription subscription, Price price) {
		subscription.periodIndex++;
		subscription.currentPeriodStart = subscription.currentPeriodEnd;
		subscription.currentPeriodEnd = end(subscription.billingAnchor, price, subscription.periodIndex);
	}

}
