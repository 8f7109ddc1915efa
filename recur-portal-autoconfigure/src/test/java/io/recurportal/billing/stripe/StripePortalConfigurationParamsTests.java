package io.recurportal.billing.stripe;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StripePortalConfigurationParams}' hash: what decides whether a Stripe
 * configuration is written again.
 */
class StripePortalConfigurationParamsTests {

	private static StripePortalConfigurationSpec spec(String headline, List<String> proPrices) {
		return new StripePortalConfigurationSpec("team", true, false, true,
				new StripePortalConfigurationSpec.SubscriptionCancel(true, "at_period_end", List.of("other")),
				new StripePortalConfigurationSpec.SubscriptionUpdate(true,
						List.of(new StripePortalConfigurationSpec.ProductPrices("prod_Pro", proPrices)),
						"create_prorations", false),
				headline, null, null, null);
	}

	@Test
	void hashWhenEqualSpecsThenEqual() {
		assertThat(StripePortalConfigurationParams.hash(spec("Hello", List.of("price_A", "price_B"))))
			.isEqualTo(StripePortalConfigurationParams.hash(spec("Hello", List.of("price_A", "price_B"))))
			.matches("[0-9a-f]{64}");
	}

	@Test
	void hashWhenAnythingSentDiffersThenDiffers() {
		String hash = StripePortalConfigurationParams.hash(spec("Hello", List.of("price_A", "price_B")));

		assertThat(StripePortalConfigurationParams.hash(spec("Hello!", List.of("price_A", "price_B"))))
			.isNotEqualTo(hash);
		// The order of prices is what the portal shows: it counts.
		assertThat(StripePortalConfigurationParams.hash(spec("Hello", List.of("price_B", "price_A"))))
			.isNotEqualTo(hash);
		assertThat(StripePortalConfigurationParams.hash(spec(null, List.of("price_A", "price_B")))).isNotEqualTo(hash);
	}

	@Test
	void enumOfWhenStripeHasNoSuchValueThenIllegalArgumentNamingTheValues() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StripePortalConfigurationParams.enumOf(
					com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionCancel.Mode.class,
					"later"))
			.withMessage("'later' is not one of Stripe's values [at_period_end, immediately]");
	}

}
