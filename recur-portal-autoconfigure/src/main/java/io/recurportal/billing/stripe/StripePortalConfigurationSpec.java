package io.recurportal.billing.stripe;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A Stripe billing-portal configuration as the portal wants it, in Stripe's terms: what
 * {@link StripePortalConfigurationMapper} makes of a portal configuration and
 * {@link StripePortalConfigurationParams} sends.
 *
 * @param portalConfigurationId the portal configuration it is made from
 * @param invoiceHistory whether invoices are listed
 * @param paymentMethodUpdate whether payment methods may be changed
 * @param customerUpdate whether name, address, phone and tax ids may be changed (never the
 * email, which Stripe would save unconfirmed)
 * @param subscriptionCancel how subscriptions are cancelled
 * @param subscriptionUpdate how subscriptions switch price
 * @param headline {@code business_profile.headline}
 * @param privacyPolicyUrl {@code business_profile.privacy_policy_url}
 * @param termsOfServiceUrl {@code business_profile.terms_of_service_url}
 * @param defaultReturnUrl {@code default_return_url}
 */
record StripePortalConfigurationSpec(String portalConfigurationId, boolean invoiceHistory,
		boolean paymentMethodUpdate, boolean customerUpdate, SubscriptionCancel subscriptionCancel,
		SubscriptionUpdate subscriptionUpdate, @Nullable String headline, @Nullable String privacyPolicyUrl,
		@Nullable String termsOfServiceUrl, @Nullable String defaultReturnUrl) {

	StripePortalConfigurationSpec {
		Assert.hasText(portalConfigurationId, "'portalConfigurationId' must not be empty");
	}

	/**
	 * The configuration's name in Stripe's Dashboard.
	 * @return {@code recur-portal <id>}
	 */
	String name() {
		return "recur-portal " + this.portalConfigurationId;
	}

	/**
	 * {@code features.subscription_cancel}.
	 *
	 * @param enabled whether subscriptions may be cancelled
	 * @param mode {@code at_period_end} or {@code immediately}
	 * @param reasons Stripe's feedback codes offered; empty to ask for no reason
	 */
	record SubscriptionCancel(boolean enabled, String mode, List<String> reasons) {

		static final SubscriptionCancel DISABLED = new SubscriptionCancel(false, "at_period_end", List.of());

		SubscriptionCancel {
			reasons = List.copyOf(reasons);
		}

	}

	/**
	 * {@code features.subscription_update}.
	 *
	 * @param enabled whether subscriptions may switch price
	 * @param products the prices that may be switched to, by product
	 * @param prorationBehavior {@code create_prorations}, {@code always_invoice} or
	 * {@code none}
	 * @param scheduleDecreasesAtPeriodEnd whether a switch to a cheaper price waits for the
	 * end of the period
	 */
	record SubscriptionUpdate(boolean enabled, List<ProductPrices> products, String prorationBehavior,
			boolean scheduleDecreasesAtPeriodEnd) {

		static final SubscriptionUpdate DISABLED = new SubscriptionUpdate(false, List.of(), "create_prorations",
				false);

		SubscriptionUpdate {
			products = List.copyOf(products);
		}

	}

	/**
	 * One entry of {@code features.subscription_update.products}.
	 *
	 * @param product the product
	 * @param prices its prices that may be switched to
	 */
	record ProductPrices(String product, List<String> prices) {

		ProductPrices {
			prices = List.copyOf(prices);
		}

	}

}
