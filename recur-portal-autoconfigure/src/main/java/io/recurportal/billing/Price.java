package io.recurportal.billing;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A recurring price of a product.
 *
 * @param id the provider's price id ({@code price_...})
 * @param product the product the price is for
 * @param nickname an internal or display name for the price
 * @param currency the ISO 4217 currency code, lower case
 * @param unitAmount the amount per interval in the currency's minor unit
 * @param interval how often it bills
 * @param intervalCount how many intervals between bills, at least 1
 * @param active whether it can be bought
 * @param metadata free-form metadata; {@code entitlements} adds to the product's
 */
public record Price(String id, Product product, @Nullable String nickname, String currency, long unitAmount,
		BillingInterval interval, int intervalCount, boolean active, Map<String, String> metadata) {

	public Price {
		metadata = Map.copyOf(metadata);
		if (intervalCount < 1) {
			throw new IllegalArgumentException("intervalCount must be at least 1");
		}
	}

	/**
	 * The price per year, to tell upgrades from downgrades across intervals.
	 * @return the yearly amount in minor units
	 */
	public double yearlyAmount() {
		return this.unitAmount * this.interval.perYear() / this.intervalCount;
	}

	/**
	 * Whether this price bills on the same schedule as another.
	 * @param other the other price
	 * @return {@code true} when interval and count are the same
	 */
	public boolean hasSameScheduleAs(Price other) {
		return this.interval == other.interval && this.intervalCount == other.intervalCount;
	}

}
