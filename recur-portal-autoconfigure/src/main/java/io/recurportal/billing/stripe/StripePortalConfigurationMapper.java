package io.recurportal.billing.stripe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionCancel.CancellationReason;
import io.recurportal.billing.HostedPortalConfiguration;
import io.recurportal.billing.Price;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Maps a {@link HostedPortalConfiguration} to the Stripe billing-portal configuration that
 * offers the same, as far as Stripe's hosted portal can.
 * <p>
 * What Stripe's portal cannot do is left out and logged once per synchronization:
 * <ul>
 * <li>{@code subscription-pause}: billing-portal configurations have no pause feature in
 * the API version stripe-java pins, so pausing is not offered in the hosted portal.</li>
 * <li>{@code license-keys}: license keys are the portal's own; Stripe has no such
 * thing.</li>
 * <li>{@code subscription-view}: Stripe's portal always shows subscriptions.</li>
 * <li>Forbidding downgrades: Stripe's portal cannot; with {@code allowDowngrades=false} a
 * switch to a cheaper price is scheduled at the end of the period instead
 * ({@code schedule_at_period_end} on {@code decreasing_item_amount}).</li>
 * <li>Logo and primary colour: Stripe takes them from the account's branding settings in
 * its Dashboard, not from the API.</li>
 * </ul>
 */
final class StripePortalConfigurationMapper {

	private static final Log logger = LogFactory.getLog(StripePortalConfigurationMapper.class);

	/** The most products Stripe accepts in {@code features.subscription_update.products}. */
	static final int MAX_PRODUCTS = 10;

	/** The longest headline Stripe accepts. */
	static final int MAX_HEADLINE_LENGTH = 60;

	private StripePortalConfigurationMapper() {
	}

	/**
	 * Maps a configuration.
	 * @param configuration the portal configuration
	 * @param prices the prices a subscription may switch to: those its plan change names, or
	 * every price the catalog offers when it names none; unused without
	 * {@code subscription-update}
	 * @return the Stripe configuration it becomes
	 * @throws IllegalArgumentException when Stripe cannot take the configuration: an unknown
	 * cancellation reason, a headline that is too long, or more than
	 * {@value #MAX_PRODUCTS} products named
	 */
	static StripePortalConfigurationSpec map(HostedPortalConfiguration configuration, List<Price> prices) {
		logWhatIsNotOffered(configuration);
		HostedPortalConfiguration.Branding branding = configuration.branding();
		return new StripePortalConfigurationSpec(configuration.id(),
				configuration.allows(HostedPortalConfiguration.Feature.INVOICE_HISTORY),
				configuration.allows(HostedPortalConfiguration.Feature.PAYMENT_METHOD_UPDATE),
				configuration.allows(HostedPortalConfiguration.Feature.CUSTOMER_UPDATE),
				subscriptionCancel(configuration),
				subscriptionUpdate(configuration, prices), headline(configuration),
				textOrNull(branding.privacyPolicyUrl()), textOrNull(branding.termsOfServiceUrl()),
				textOrNull(configuration.defaultReturnUrl()));
	}

	private static StripePortalConfigurationSpec.SubscriptionCancel subscriptionCancel(
			HostedPortalConfiguration configuration) {
		if (!configuration.allows(HostedPortalConfiguration.Feature.SUBSCRIPTION_CANCEL)) {
			return StripePortalConfigurationSpec.SubscriptionCancel.DISABLED;
		}
		HostedPortalConfiguration.Cancellation cancellation = configuration.cancellation();
		for (String reason : cancellation.reasons()) {
			try {
				StripePortalConfigurationParams.enumOf(CancellationReason.Option.class, reason);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Portal configuration '" + configuration.id()
						+ "' offers the cancellation reason '" + reason + "' which Stripe does not know: "
						+ ex.getMessage(), ex);
			}
		}
		String mode = switch (cancellation.mode()) {
			case PERIOD_END -> "at_period_end";
			case IMMEDIATELY -> "immediately";
		};
		return new StripePortalConfigurationSpec.SubscriptionCancel(true, mode,
				cancellation.reasons().stream().distinct().toList());
	}

	private static StripePortalConfigurationSpec.SubscriptionUpdate subscriptionUpdate(
			HostedPortalConfiguration configuration, List<Price> prices) {
		if (!configuration.allows(HostedPortalConfiguration.Feature.SUBSCRIPTION_UPDATE)) {
			return StripePortalConfigurationSpec.SubscriptionUpdate.DISABLED;
		}
		HostedPortalConfiguration.PlanChange planChange = configuration.planChange();
		if (prices.isEmpty()) {
			// Stripe's portal has nothing to switch to: showing the feature would be a dead end.
			logger.warn("Portal configuration '" + configuration.id() + "' allows plan changes but there is no price "
					+ "to switch to; Stripe's hosted portal will not offer plan changes");
			return StripePortalConfigurationSpec.SubscriptionUpdate.DISABLED;
		}
		List<StripePortalConfigurationSpec.ProductPrices> products = byProduct(configuration, prices);
		if (!planChange.allowDowngrades()) {
			logger.warn("Portal configuration '" + configuration.id() + "' forbids downgrades, which Stripe's hosted "
					+ "portal cannot; it schedules a switch to a cheaper price at the end of the period instead");
		}
		String prorationBehavior = switch (planChange.prorationBehavior()) {
			case CREATE_PRORATIONS -> "create_prorations";
			case ALWAYS_INVOICE -> "always_invoice";
			case NONE -> "none";
		};
		return new StripePortalConfigurationSpec.SubscriptionUpdate(true, products, prorationBehavior,
				!planChange.allowDowngrades());
	}

	private static List<StripePortalConfigurationSpec.ProductPrices> byProduct(
			HostedPortalConfiguration configuration, List<Price> prices) {
		Map<String, List<String>> pricesByProduct = new LinkedHashMap<>();
		for (Price price : prices) {
			List<String> ofProduct = pricesByProduct.computeIfAbsent(price.product().id(), (id) -> new ArrayList<>());
			if (!ofProduct.contains(price.id())) {
				ofProduct.add(price.id());
			}
		}
		List<StripePortalConfigurationSpec.ProductPrices> products = new ArrayList<>();
		pricesByProduct.forEach((product, ofProduct) -> products
			.add(new StripePortalConfigurationSpec.ProductPrices(product, ofProduct)));
		if (products.size() <= MAX_PRODUCTS) {
			return products;
		}
		if (!configuration.planChange().prices().isEmpty()) {
			throw new IllegalArgumentException("Portal configuration '" + configuration.id() + "' offers prices of "
					+ products.size() + " products; Stripe's hosted portal offers at most " + MAX_PRODUCTS);
		}
		// The catalog grew past Stripe's limit: failing would stop the application on its next start.
		logger.warn("Stripe's hosted portal offers at most " + MAX_PRODUCTS + " products for plan changes but "
				+ products.size() + " are active; portal configuration '" + configuration.id()
				+ "' offers the first " + MAX_PRODUCTS + " (cheapest first); name its plan change prices to choose");
		return products.subList(0, MAX_PRODUCTS);
	}

	private static @Nullable String headline(HostedPortalConfiguration configuration) {
		HostedPortalConfiguration.Branding branding = configuration.branding();
		String headline = textOrNull(branding.headline());
		if (headline == null) {
			headline = textOrNull(branding.businessName());
		}
		if (headline != null && headline.length() > MAX_HEADLINE_LENGTH) {
			throw new IllegalArgumentException("Portal configuration '" + configuration.id() + "' has a headline of "
					+ headline.length() + " characters; Stripe's hosted portal accepts at most " + MAX_HEADLINE_LENGTH);
		}
		return headline;
	}

	private static void logWhatIsNotOffered(HostedPortalConfiguration configuration) {
		List<String> notOffered = new ArrayList<>();
		if (configuration.allows(HostedPortalConfiguration.Feature.SUBSCRIPTION_PAUSE)) {
			notOffered.add(HostedPortalConfiguration.Feature.SUBSCRIPTION_PAUSE.value());
		}
		if (configuration.allows(HostedPortalConfiguration.Feature.LICENSE_KEYS)) {
			notOffered.add(HostedPortalConfiguration.Feature.LICENSE_KEYS.value());
		}
		if (!notOffered.isEmpty() && logger.isInfoEnabled()) {
			logger.info("Stripe's hosted portal has no equivalent of " + String.join(", ", notOffered)
					+ "; portal configuration '" + configuration.id() + "' offers them in the portal's own pages only");
		}
		HostedPortalConfiguration.Branding branding = configuration.branding();
		if ((branding.logoUrl() != null || branding.primaryColor() != null) && logger.isInfoEnabled()) {
			logger.info("Stripe's hosted portal takes its logo and colour from the Stripe Dashboard's branding "
					+ "settings; those of portal configuration '" + configuration.id() + "' apply to the portal's "
					+ "own pages only");
		}
	}

	private static @Nullable String textOrNull(@Nullable String text) {
		return StringUtils.hasText(text) ? text.trim() : null;
	}

}
