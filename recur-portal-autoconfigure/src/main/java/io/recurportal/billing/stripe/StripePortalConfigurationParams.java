package io.recurportal.billing.stripe;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.stripe.Stripe;
import com.stripe.net.ApiRequestParams;
import com.stripe.net.FormEncoder;
import com.stripe.param.billingportal.ConfigurationCreateParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams;
import com.stripe.param.common.EmptyParam;

/**
 * Renders a {@link StripePortalConfigurationSpec} as the parameters of Stripe's create and
 * update calls, and hashes it.
 * <p>
 * Every feature is sent, the disabled ones as {@code enabled=false}: Stripe's API leaves
 * anything not explicitly enabled off on create, but an update only changes what it names,
 * so a feature taken away must be named to be switched off. An update also clears the
 * texts and URLs the spec no longer has, which a create simply leaves out.
 */
final class StripePortalConfigurationParams {

	/** Changes whenever the rendering changes meaning, so that every configuration is sent again. */
	private static final String FORMAT = "recur-portal-billing-portal-configuration/1";

	private static final List<ConfigurationCreateParams.Features.CustomerUpdate.AllowedUpdate> CREATE_CUSTOMER_UPDATES = List
		.of(ConfigurationCreateParams.Features.CustomerUpdate.AllowedUpdate.NAME,
				ConfigurationCreateParams.Features.CustomerUpdate.AllowedUpdate.EMAIL,
				ConfigurationCreateParams.Features.CustomerUpdate.AllowedUpdate.ADDRESS,
				ConfigurationCreateParams.Features.CustomerUpdate.AllowedUpdate.PHONE,
				ConfigurationCreateParams.Features.CustomerUpdate.AllowedUpdate.TAX_ID);

	private static final List<ConfigurationUpdateParams.Features.CustomerUpdate.AllowedUpdate> UPDATE_CUSTOMER_UPDATES = List
		.of(ConfigurationUpdateParams.Features.CustomerUpdate.AllowedUpdate.NAME,
				ConfigurationUpdateParams.Features.CustomerUpdate.AllowedUpdate.EMAIL,
				ConfigurationUpdateParams.Features.CustomerUpdate.AllowedUpdate.ADDRESS,
				ConfigurationUpdateParams.Features.CustomerUpdate.AllowedUpdate.PHONE,
				ConfigurationUpdateParams.Features.CustomerUpdate.AllowedUpdate.TAX_ID);

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
		ConfigurationCreateParams.Builder params = ConfigurationCreateParams.builder()
			.setName(spec.name())
			.setFeatures(createFeatures(spec))
			.putAllMetadata(metadata);
		if (spec.headline() != null || spec.privacyPolicyUrl() != null || spec.termsOfServiceUrl() != null) {
			ConfigurationCreateParams.BusinessProfile.Builder profile = ConfigurationCreateParams.BusinessProfile
				.builder();
			if (spec.headline() != null) {
				profile.setHeadline(spec.headline());
			}
			if (spec.privacyPolicyUrl() != null) {
				profile.setPrivacyPolicyUrl(spec.privacyPolicyUrl());
			}
			if (spec.termsOfServiceUrl() != null) {
				profile.setTermsOfServiceUrl(spec.termsOfServiceUrl());
			}
			params.setBusinessProfile(profile.build());
		}
		if (spec.defaultReturnUrl() != null) {
			params.setDefaultReturnUrl(spec.defaultReturnUrl());
		}
		return params.build();
	}

	private static ConfigurationCreateParams.Features createFeatures(StripePortalConfigurationSpec spec) {
		ConfigurationCreateParams.Features.CustomerUpdate.Builder customerUpdate = ConfigurationCreateParams.Features.CustomerUpdate
			.builder()
			.setEnabled(spec.customerUpdate());
		if (spec.customerUpdate()) {
			customerUpdate.addAllAllowedUpdate(CREATE_CUSTOMER_UPDATES);
		}
		return ConfigurationCreateParams.Features.builder()
			.setInvoiceHistory(
					ConfigurationCreateParams.Features.InvoiceHistory.builder().setEnabled(spec.invoiceHistory()).build())
			.setPaymentMethodUpdate(ConfigurationCreateParams.Features.PaymentMethodUpdate.builder()
				.setEnabled(spec.paymentMethodUpdate())
				.build())
			.setCustomerUpdate(customerUpdate.build())
			.setSubscriptionCancel(createCancel(spec.subscriptionCancel()))
			.setSubscriptionUpdate(createUpdate(spec.subscriptionUpdate()))
			.build();
	}

	private static ConfigurationCreateParams.Features.SubscriptionCancel createCancel(
			StripePortalConfigurationSpec.SubscriptionCancel cancel) {
		ConfigurationCreateParams.Features.SubscriptionCancel.Builder params = ConfigurationCreateParams.Features.SubscriptionCancel
			.builder()
			.setEnabled(cancel.enabled());
		if (!cancel.enabled()) {
			return params.build();
		}
		ConfigurationCreateParams.Features.SubscriptionCancel.CancellationReason.Builder reason = ConfigurationCreateParams.Features.SubscriptionCancel.CancellationReason
			.builder()
			.setEnabled(!cancel.reasons().isEmpty());
		if (cancel.reasons().isEmpty()) {
			// Stripe requires the options whenever the reason is named: none is an empty list.
			reason.setOptions(EmptyParam.EMPTY);
		}
		else {
			cancel.reasons()
				.forEach((code) -> reason.addOption(enumOf(
						ConfigurationCreateParams.Features.SubscriptionCancel.CancellationReason.Option.class, code)));
		}
		return params
			.setMode(enumOf(ConfigurationCreateParams.Features.SubscriptionCancel.Mode.class, cancel.mode()))
			.setCancellationReason(reason.build())
			.build();
	}

	private static ConfigurationCreateParams.Features.SubscriptionUpdate createUpdate(
			StripePortalConfigurationSpec.SubscriptionUpdate update) {
		ConfigurationCreateParams.Features.SubscriptionUpdate.Builder params = ConfigurationCreateParams.Features.SubscriptionUpdate
			.builder()
			.setEnabled(update.enabled());
		if (!update.enabled()) {
			return params.build();
		}
		params.addDefaultAllowedUpdate(ConfigurationCreateParams.Features.SubscriptionUpdate.DefaultAllowedUpdate.PRICE)
			.setProrationBehavior(enumOf(ConfigurationCreateParams.Features.SubscriptionUpdate.ProrationBehavior.class,
					update.prorationBehavior()));
		for (StripePortalConfigurationSpec.ProductPrices product : update.products()) {
			params.addProduct(ConfigurationCreateParams.Features.SubscriptionUpdate.Product.builder()
				.setProduct(product.product())
				.addAllPrice(product.prices())
				.build());
		}
		if (update.scheduleDecreasesAtPeriodEnd()) {
			params.setScheduleAtPeriodEnd(ConfigurationCreateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd
				.builder()
				.addCondition(ConfigurationCreateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd.Condition
					.builder()
					.setType(
							ConfigurationCreateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd.Condition.Type.DECREASING_ITEM_AMOUNT)
					.build())
				.build());
		}
		return params.build();
	}

	/**
	 * The parameters that make an existing configuration the spec, active again if it was
	 * deactivated.
	 * @param spec the spec
	 * @param metadata the metadata to set (other keys are kept, as Stripe merges metadata)
	 * @return the parameters
	 */
	static ConfigurationUpdateParams update(StripePortalConfigurationSpec spec, Map<String, String> metadata) {
		ConfigurationUpdateParams.BusinessProfile.Builder profile = ConfigurationUpdateParams.BusinessProfile.builder();
		if (spec.headline() != null) {
			profile.setHeadline(spec.headline());
		}
		else {
			profile.setHeadline(EmptyParam.EMPTY);
		}
		if (spec.privacyPolicyUrl() != null) {
			profile.setPrivacyPolicyUrl(spec.privacyPolicyUrl());
		}
		else {
			profile.setPrivacyPolicyUrl(EmptyParam.EMPTY);
		}
		if (spec.termsOfServiceUrl() != null) {
			profile.setTermsOfServiceUrl(spec.termsOfServiceUrl());
		}
		else {
			profile.setTermsOfServiceUrl(EmptyParam.EMPTY);
		}
		ConfigurationUpdateParams.Builder params = ConfigurationUpdateParams.builder()
			.setActive(true)
			.setName(spec.name())
			.setFeatures(updateFeatures(spec))
			.setBusinessProfile(profile.build())
			.putAllMetadata(metadata);
		if (spec.defaultReturnUrl() != null) {
			params.setDefaultReturnUrl(spec.defaultReturnUrl());
		}
		else {
			params.setDefaultReturnUrl(EmptyParam.EMPTY);
		}
		return params.build();
	}

	private static ConfigurationUpdateParams.Features updateFeatures(StripePortalConfigurationSpec spec) {
		ConfigurationUpdateParams.Features.CustomerUpdate.Builder customerUpdate = ConfigurationUpdateParams.Features.CustomerUpdate
			.builder()
			.setEnabled(spec.customerUpdate());
		if (spec.customerUpdate()) {
			customerUpdate.addAllAllowedUpdate(UPDATE_CUSTOMER_UPDATES);
		}
		return ConfigurationUpdateParams.Features.builder()
			.setInvoiceHistory(
					ConfigurationUpdateParams.Features.InvoiceHistory.builder().setEnabled(spec.invoiceHistory()).build())
			.setPaymentMethodUpdate(ConfigurationUpdateParams.Features.PaymentMethodUpdate.builder()
				.setEnabled(spec.paymentMethodUpdate())
				.build())
			.setCustomerUpdate(customerUpdate.build())
			.setSubscriptionCancel(updateCancel(spec.subscriptionCancel()))
			.setSubscriptionUpdate(updateUpdate(spec.subscriptionUpdate()))
			.build();
	}

	private static ConfigurationUpdateParams.Features.SubscriptionCancel updateCancel(
			StripePortalConfigurationSpec.SubscriptionCancel cancel) {
		ConfigurationUpdateParams.Features.SubscriptionCancel.Builder params = ConfigurationUpdateParams.Features.SubscriptionCancel
			.builder()
			.setEnabled(cancel.enabled());
		if (!cancel.enabled()) {
			return params.build();
		}
		ConfigurationUpdateParams.Features.SubscriptionCancel.CancellationReason.Builder reason = ConfigurationUpdateParams.Features.SubscriptionCancel.CancellationReason
			.builder()
			.setEnabled(!cancel.reasons().isEmpty());
		if (cancel.reasons().isEmpty()) {
			reason.setOptions(EmptyParam.EMPTY);
		}
		else {
			cancel.reasons()
				.forEach((code) -> reason.addOption(enumOf(
						ConfigurationUpdateParams.Features.SubscriptionCancel.CancellationReason.Option.class, code)));
		}
		return params
			.setMode(enumOf(ConfigurationUpdateParams.Features.SubscriptionCancel.Mode.class, cancel.mode()))
			.setCancellationReason(reason.build())
			.build();
	}

	private static ConfigurationUpdateParams.Features.SubscriptionUpdate updateUpdate(
			StripePortalConfigurationSpec.SubscriptionUpdate update) {
		ConfigurationUpdateParams.Features.SubscriptionUpdate.Builder params = ConfigurationUpdateParams.Features.SubscriptionUpdate
			.builder()
			.setEnabled(update.enabled());
		if (!update.enabled()) {
			return params.build();
		}
		params.addDefaultAllowedUpdate(ConfigurationUpdateParams.Features.SubscriptionUpdate.DefaultAllowedUpdate.PRICE)
			.setProrationBehavior(enumOf(ConfigurationUpdateParams.Features.SubscriptionUpdate.ProrationBehavior.class,
					update.prorationBehavior()));
		for (StripePortalConfigurationSpec.ProductPrices product : update.products()) {
			params.addProduct(ConfigurationUpdateParams.Features.SubscriptionUpdate.Product.builder()
				.setProduct(product.product())
				.addAllPrice(product.prices())
				.build());
		}
		ConfigurationUpdateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd.Builder schedule = ConfigurationUpdateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd
			.builder();
		if (update.scheduleDecreasesAtPeriodEnd()) {
			schedule.addCondition(ConfigurationUpdateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd.Condition
				.builder()
				.setType(
						ConfigurationUpdateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd.Condition.Type.DECREASING_ITEM_AMOUNT)
				.build());
		}
		else {
			// Conditions set earlier (or in the Dashboard) would otherwise stay.
			schedule.setConditions(EmptyParam.EMPTY);
		}
		return params.setScheduleAtPeriodEnd(schedule.build()).build();
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
