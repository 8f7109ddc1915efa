package io.recurportal.billing.stripe;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.stripe.Stripe;
import com.stripe.net.ApiRequestParams;
import com.stripe.net.FormEncoder;
import com.stripe.param.billingportal.ConfigurationCreateParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams;

/**
 * Renders a {@link StripePortalConfigurationSpec} as the parameters of Stripe's create
 * ({@link StripePortalCreateParams}) and update ({@link StripePortalUpdateParams}) calls,
 * and hashes it.
 * <p>
 * Every feature is sent, the disabled ones as {@code enabled=false}: Stripe's API leaves
 * anything not explicitly enabled off on create, but an update changes only what it
 * names, so a feature taken away must be named to be switched off.
 */
final class StripePortalConfigurationParams {

	/** Changes whenever the rendering changes meaning, so that every configuration is sent again. */
	private static final String FORMAT = "recur-portal-billing-portal-configuration/1";

	private StripePortalConfigurationParams() {
	}

	/**
	 * A hash of what would be created: the same for the same spec on every instance and
	 * every start, different when anything sent differs. The API version is part of it, so
	 * that an upgrade of stripe-java sends every configuration again under the new version.
	 * @param spec the spec
	 * @return the SHA-256 of the spec's parameters, in hex
	 */
	static String hash(StripePortalConfigurationSpec spec) {
		// Indexed names keep list order in the key, so sorting loses nothing.
		List<String> lines = FormEncoder.flattenParams(create(spec, Map.of()).toMap())
			.stream()
			.map((pair) -> pair.getKey() + "=" + pair.getValue())
			.sorted()
			.toList();
		return StripeIdempotencyKeys.sha256(FORMAT + "\n" + Stripe.API_VERSION + "\n" + String.join("\n", lines));
	}

	static ConfigurationCreateParams create(StripePortalConfigurationSpec spec, Map<String, String> metadata) {
		return StripePortalCreateParams.of(spec, metadata);
	}

	static ConfigurationUpdateParams update(StripePortalConfigurationSpec spec, Map<String, String> metadata) {
		return StripePortalUpdateParams.of(spec, metadata);
	}

	/**
	 * The constant of one of stripe-java's parameter enums with a wire value.
	 * @param type the enum
	 * @param value the value, {@code at_period_end} for example
	 * @return the constant
	 * @throws IllegalArgumentException when the API version has no such value
	 */
	static <E extends Enum<E> & ApiRequestParams.EnumParam> E enumOf(Class<E> type, String value) {
		return Arrays.stream(type.getEnumConstants())
			.filter((constant) -> constant.getValue().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not one of Stripe's values "
					+ Arrays.stream(type.getEnumConstants()).map(ApiRequestParams.EnumParam::getValue).toList()));
	}

}
