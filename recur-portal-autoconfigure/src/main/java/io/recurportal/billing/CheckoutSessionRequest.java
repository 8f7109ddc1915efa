package io.recurportal.billing;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A checkout session to create.
 *
 * @param mode subscription or setup
 * @param customerId the customer who checks out
 * @param priceId the price to subscribe to, required in subscription mode
 * @param subscriptionId in setup mode, the subscription whose payment method the new one replaces
 * @param successUrl where the provider sends the customer after success
 * @param cancelUrl where the provider sends the customer when they go back
 * @param metadata free-form metadata stored on the session
 * @param currency in setup mode, the currency the saved method will pay in (the
 * subscription's), so the provider offers every method its merchant enabled for it;
 * {@code null} offers cards only
 */
public record CheckoutSessionRequest(CheckoutMode mode, String customerId, @Nullable String priceId,
		@Nullable String subscriptionId, String successUrl, String cancelUrl, Map<String, String> metadata,
		@Nullable String currency) {

	public CheckoutSessionRequest {
		metadata = Map.copyOf(metadata);
		if (mode == CheckoutMode.SUBSCRIPTION && priceId == null) {
			throw new IllegalArgumentException("A subscription checkout needs a price");
		}
	}

	/**
	 * A checkout session in no particular currency: a subscription checkout takes its
	 * price's, a setup checkout offers cards only.
	 * @param mode subscription or setup
	 * @param customerId the customer who checks out
	 * @param priceId the price to subscribe to, required in subscription mode
	 * @param subscriptionId in setup mode, the subscription whose payment method the new one replaces
	 * @param successUrl where the provider sends the customer after success
	 * @param cancelUrl where the provider sends the customer when they go back
	 * @param metadata free-form metadata stored on the session
	 */
	public CheckoutSessionRequest(CheckoutMode mode, String customerId, @Nullable String priceId,
			@Nullable String subscriptionId, String successUrl, String cancelUrl, Map<String, String> metadata) {
		this(mode, customerId, priceId, subscriptionId, successUrl, cancelUrl, metadata, null);
	}

}
