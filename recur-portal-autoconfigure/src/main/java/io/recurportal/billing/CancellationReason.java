package io.recurportal.billing;

import org.jspecify.annotations.Nullable;

/**
 * Why a customer cancelled, as Stripe's {@code cancellation_details} records it.
 *
 * @param feedback one of Stripe's feedback codes ({@code too_expensive},
 * {@code missing_features}, {@code switched_service}, {@code unused},
 * {@code customer_service}, {@code too_complex}, {@code low_quality}, {@code other})
 * @param comment the customer's own words
 */
public record CancellationReason(@Nullable String feedback, @Nullable String comment) {

	/** No reason given. */
	public static final CancellationReason NONE = new CancellationReason(null, null);

}
