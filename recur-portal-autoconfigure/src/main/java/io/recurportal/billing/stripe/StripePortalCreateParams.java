package io.recurportal.billing.stripe;

import java.util.List;
import java.util.Map;

import com.stripe.param.billingportal.ConfigurationCreateParams;
import com.stripe.param.billingportal.ConfigurationCreateParams.BusinessProfile;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.CustomerUpdate;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.InvoiceHistory;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.PaymentMethodUpdate;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionCancel;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionCancel.CancellationReason;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionUpdate;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd;
import com.stripe.param.common.EmptyParam;

/**
 * The parameters of {@code POST /v1/billing_portal/configurations} for a
 * {@link StripePortalConfigurationSpec}: every feature named, the disabled ones as
 * {@code enabled=false}; texts and URLs the spec has not left out.
 */
final class StripePortalCreateParams {

	// Not the email: Stripe's portal saves a new one unconfirmed, and lookups by email
	// trust it. Customers change it in our portal, where the new address confirms it.
	private static final List<CustomerUpdate.AllowedUpdate> CUSTOMER_UPDATES = List.of(
			CustomerUpdate.AllowedUpdate.NAME, CustomerUpdate.AllowedUpdate.ADDRESS, CustomerUpdate.AllowedUpdate.PHONE,
			CustomerUpdate.AllowedUpdate.TAX_ID);

	private StripePortalCreateParams() {
	}

	static ConfigurationCreateParams of(StripePortalConfigurationSpec spec, Map<String, String> metadata) {
		ConfigurationCreateParams.Builder params = ConfigurationCreateParams.builder()
			.setName(spec.name())
			.setFeatures(features(spec))
			.putAllMetadata(metadata);
		if (spec.headline() != null || spec.privacyPolicyUrl() != null || spec.termsOfServiceUrl() != null) {
			BusinessProfile.Builder profile = BusinessProfile.builder();
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
			// Stripe requires the options whenever the reason is named: none is an empty list.
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
		if (update.scheduleDecreasesAtPeriodEnd()) {
			params.setScheduleAtPeriodEnd(ScheduleAtPeriodEnd.builder()
				.addCondition(ScheduleAtPeriodEnd.Condition.builder()
					.setType(ScheduleAtPeriodEnd.Condition.Type.DECREASING_ITEM_AMOUNT)
					.build())
				.build());
		}
		return params.build();
	}

}
