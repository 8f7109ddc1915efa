package io.recurportal.billing.stripe;

import java.util.List;
import java.util.Map;

import com.stripe.param.billingportal.ConfigurationUpdateParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams.BusinessProfile;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features.CustomerUpdate;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features.InvoiceHistory;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features.PaymentMethodUpdate;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features.SubscriptionCancel;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features.SubscriptionCancel.CancellationReason;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features.SubscriptionUpdate;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd;
import com.stripe.param.common.EmptyParam;

/**
 * The parameters of {@code POST /v1/billing_portal/configurations/{id}} that make an
 * existing configuration a {@link StripePortalConfigurationSpec}, active again if it was
 * deactivated. An update changes only what it names, so it names every feature (the
 * disabled ones as {@code enabled=false}) and clears the texts, URLs and downgrade
 * conditions the spec does not have, which earlier writes or the Dashboard may have set.
 */
final class StripePortalUpdateParams {

	// Not the email: Stripe's portal saves a new one unconfirmed, and lookups by email
	// trust it. Customers change it in our portal, where the new address confirms it.
	private static final List<CustomerUpdate.AllowedUpdate> CUSTOMER_UPDATES = List.of(
			CustomerUpdate.AllowedUpdate.NAME, CustomerUpdate.AllowedUpdate.ADDRESS, CustomerUpdate.AllowedUpdate.PHONE,
			CustomerUpdate.AllowedUpdate.TAX_ID);

	private StripePortalUpdateParams() {
	}

	/**
	 * The parameters.
	 * @param spec the spec
	 * @param metadata the metadata to set (other keys are kept: Stripe merges metadata)
	 * @return the parameters
	 */
	static ConfigurationUpdateParams of(StripePortalConfigurationSpec spec, Map<String, String> metadata) {
		BusinessProfile.Builder profile = BusinessProfile.builder();
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
			.setFeatures(features(spec))
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

	private static Features features(StripePortalConfigurationSpec spec) {
		CustomerUpdate.Builder customerUpdate = CustomerUpdate.builder().setEnabled(spec.customerUpdate());
		if (spec.customerUpdate()) {
			customerUpdate.addAllAllowedUpdate(CUSTOMER_UPDATES);
		}
		return Features.builder()
			.setInvoiceHistory(InvoiceHistory.builder().setEnabled(spec.invoiceHistory()).build())
			.setPaymentMethodUpdate(PaymentMethodUpdate.builder().setEnabled(spec.paymentMethodUpdate()).build())
			.setCustomerUpdate(customerUpdate.build())
			.setSubscriptionCancel(subscriptionCancel(spec.subscriptionCancel()))
			.setSubscriptionUpdate(subscriptionUpdate(spec.subscriptionUpdate()))
			.build();
	}

	private static SubscriptionCancel subscriptionCancel(StripePortalConfigurationSpec.SubscriptionCancel cancel) {
		SubscriptionCancel.Builder params = SubscriptionCancel.builder().setEnabled(cancel.enabled());
		if (!cancel.enabled()) {
			return params.build();
		}
		CancellationReason.Builder reason = CancellationReason.builder().setEnabled(!cancel.reasons().isEmpty());
		if (cancel.reasons().isEmpty()) {
			reason.setOptions(EmptyParam.EMPTY);
		}
		for (String code : cancel.reasons()) {
			reason.addOption(StripePortalConfigurationParams.enumOf(CancellationReason.Option.class, code));
		}
		return params.setMode(StripePortalConfigurationParams.enumOf(SubscriptionCancel.Mode.class, cancel.mode()))
			.setCancellationReason(reason.build())
			.build();
	}

	private static SubscriptionUpdate subscriptionUpdate(StripePortalConfigurationSpec.SubscriptionUpdate update) {
		SubscriptionUpdate.Builder params = SubscriptionUpdate.builder().setEnabled(update.enabled());
		if (!update.enabled()) {
			return params.build();
		}
		params.addDefaultAllowedUpdate(SubscriptionUpdate.DefaultAllowedUpdate.PRICE)
			.setProrationBehavior(StripePortalConfigurationParams.enumOf(SubscriptionUpdate.ProrationBehavior.class,
					update.prorationBehavior()));
		for (StripePortalConfigurationSpec.ProductPrices product : update.products()) {
			params.addProduct(SubscriptionUpdate.Product.builder()
				.setProduct(product.product())
				.addAllPrice(product.prices())
				.build());
		}
		ScheduleAtPeriodEnd.Builder schedule = ScheduleAtPeriodEnd.builder();
		if (update.scheduleDecreasesAtPeriodEnd()) {
			schedule.addCondition(ScheduleAtPeriodEnd.Condition.builder()
				.setType(ScheduleAtPeriodEnd.Condition.Type.DECREASING_ITEM_AMOUNT)
				.build());
		}
		else {
			// Conditions set earlier, or in the Dashboard, would otherwise stay.
			schedule.setConditions(EmptyParam.EMPTY);
		}
		return params.setScheduleAtPeriodEnd(schedule.build()).build();
	}

}
