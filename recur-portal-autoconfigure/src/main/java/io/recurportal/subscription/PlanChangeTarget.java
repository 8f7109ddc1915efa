package io.recurportal.subscription;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.BillingInterval;

/**
 * Where a plan change goes: another price, or the same plan on another billing interval.
 *
 * @param priceId the price to move to, or {@code null}
 * @param interval the interval to move to within the current plan, or {@code null}
 */
public record PlanChangeTarget(@Nullable String priceId, @Nullable BillingInterval interval) {

	public PlanChangeTarget {
		if ((priceId == null) == (interval == null)) {
			throw new IllegalArgumentException("Exactly one of priceId and interval is required");
		}
	}

}
