package io.recurportal.billing;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A discount on a subscription, or the one a coupon would give: a percentage or an
 * amount off, for some months or for ever.
 *
 * @param couponId the provider's coupon, or {@code null} for one not created yet
 * @param percentOff the percentage off, or {@code null} for an amount off
 * @param amountOff the amount off in the smallest currency unit, or {@code null} for a
 * percentage
 * @param currency the currency of the amount off, or {@code null}
 * @param durationInMonths for how many months it applies, or {@code null} for once or
 * for ever
 * @param end when an applied discount stops, or {@code null}
 */
public record Discount(@Nullable String couponId, @Nullable BigDecimal percentOff, @Nullable Long amountOff,
		@Nullable String currency, @Nullable Integer durationInMonths, @Nullable Instant end) {

	/**
	 * A percentage off for some months.
	 * @param couponId the coupon, or {@code null}
	 * @param percentOff the percentage
	 * @param durationInMonths the months
	 * @param end when it stops, or {@code null}
	 * @return the discount
	 */
	public static Discount percent(@Nullable String couponId, int percentOff, int durationInMonths,
			@Nullable Instant end) {
		return new Discount(couponId, BigDecimal.valueOf(percentOff), null, null, durationInMonths, end);
	}

	/**
	 * Whether the discount still applies at a time, a charge's for example.
	 * @param at the time
	 * @return {@code true} when it has no end or ends after it
	 */
	public boolean appliesAt(Instant at) {
		return this.end == null || this.end.isAfter(at);
	}

	/**
	 * The price after this discount, rounded half up, for an amount in the discount's
	 * currency or any amount when it is a percentage.
	 * @param amount the amount before the discount
	 * @return the amount after it, never below zero
	 */
	public long applyTo(long amount) {
		if (this.percentOff != null) {
			BigDecimal off = BigDecimal.valueOf(amount)
				.multiply(this.percentOff)
				.divide(BigDecimal.valueOf(100), 0, java.math.RoundingMode.HALF_UP);
			return Math.max(0, amount - off.longValueExact());
		}
		return Math.max(0, amount - ((this.amountOff != null) ? this.amountOff : 0));
	}

}
