package io.recurportal.api;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.recurportal.billing.Price;

/**
 * A price as the API shows it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PlanView(String priceId, String productId, String productName, @Nullable String productDescription,
		@Nullable String nickname, String currency, long unitAmount, String interval, int intervalCount,
		List<String> entitlements) {

	static PlanView of(Price price) {
		return new PlanView(price.id(), price.product().id(), price.product().name(), price.product().description(),
				price.nickname(), price.currency(), price.unitAmount(), price.interval().value(), price.intervalCount(),
				Entitlements.of(price));
	}

}
