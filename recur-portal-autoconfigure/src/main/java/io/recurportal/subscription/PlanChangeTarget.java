package io.recurportal.subscription;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.BillingInterval;

/**
 * Where a plan change goes: another price, or the same plan on another billing interval,
 * and how many of it (seats).
 *
 * @param priceId the price to move to, or {@code null}
 * @param interval the interval to move to within the current plan, or {@code null}
 * @param quantity the new quantity, or {@code null} to keep the current one
 */
public record PlanChangeTarget(@Nullable String priceId, @Nullable BillingInterval interval,
		@Nullable Integer quantity) {

	public PlanChangeTarget {
		if (priceId != null && interval != null) {
			throw new IllegalArgumentException("At most one of priceId and interval is allowed");
		}
		if (priceId == null && interval == null && quantity == null) {
			throw new IllegalArgumentException("One of priceId, interval and quantity is required");
		}
	}

	/**
	 * A change of price or interval that keeps the quantity.
	 * @param priceId the price to move to, or {@code null}
	 * @param interval the interval to move to within the current plan, or {@code null}
	 */
	public PlanChangeTarget(@Nullable String priceId, @Nullable BillingInterval interval) {
		this(priceId, interval, null);
		if ((priceId == null) == (interval == null)) {
			throw new IllegalArgumentException("Exactly one of priceId and interval is required");
		}
	}

	/**
	 * Whether the target names a price or an interval, not only a quantity.
	 * @return {@code true} when the price may change
	 */
	public boolean changesPrice() {
		return this.priceId != null || this.interval != null;
	}

}
