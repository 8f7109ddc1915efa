package io.recurportal.api;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.recurportal.billing.Discount;

/**
 * A discount as the API shows it: a subscription's, or the one a retention offer gives.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DiscountView(@Nullable String couponId, @Nullable BigDecimal percentOff, @Nullable Long amountOff,
		@Nullable String currency, @Nullable Integer durationInMonths, @Nullable Instant endsAt) {

	static DiscountView of(Discount discount) {
		return new DiscountView(discount.couponId(), discount.percentOff(), discount.amountOff(), discount.currency(),
				discount.durationInMonths(), discount.end());
	}

	static @Nullable DiscountView ofNullable(@Nullable Discount discount) {
		return (discount != null) ? of(discount) : null;
	}

}
