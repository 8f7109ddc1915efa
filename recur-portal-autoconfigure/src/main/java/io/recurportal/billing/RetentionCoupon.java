package io.recurportal.billing;

import org.jspecify.annotations.Nullable;

/**
 * The coupon a retention offer applies, in the provider's terms: an existing coupon of
 * the provider, or a percentage off for some months that the provider turns into one.
 *
 * @param couponId the provider's coupon, or {@code null} for a percentage
 * @param percentOff the percentage off, 1 to 100, or {@code null} for a coupon id
 * @param durationInMonths for how many months the percentage applies, or {@code null}
 * with a coupon id
 */
public record RetentionCoupon(@Nullable String couponId, @Nullable Integer percentOff,
		@Nullable Integer durationInMonths) {

	public RetentionCoupon {
		if ((couponId == null) == (percentOff == null)) {
			throw new IllegalArgumentException("Give a coupon id or a percentage off, not both or neither");
		}
		if (percentOff != null && (percentOff < 1 || percentOff > 100)) {
			throw new IllegalArgumentException("percentOff must be from 1 to 100, not " + percentOff);
		}
		if (percentOff != null && (durationInMonths == null || durationInMonths < 1)) {
			throw new IllegalArgumentException("A percentage off needs a duration of at least one month");
		}
	}

}
