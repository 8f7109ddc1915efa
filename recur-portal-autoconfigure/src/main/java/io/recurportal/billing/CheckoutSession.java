package io.recurportal.billing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A checkout session: the provider's page where the customer enters card details, so
 * card data never touches the host.
 *
 * @param id the provider's id ({@code cs_...})
 * @param mode subscription or setup
 * @param status its state
 * @param url the page to send the customer to, while open
 * @param customerId the customer who checks out; {@code null} when the provider names
 * none (Stripe: a session created without a customer, before one is made)
 * @param priceId the price subscribed to, in subscription mode
 * @param subscriptionId the subscription created (subscription mode) or updated (setup mode)
 * @param paymentMethodId the payment method saved, once complete
 * @param successUrl where the provider sends the customer after success
 * @param cancelUrl where the provider sends the customer when they go back
 * @param expiresAt when it expires if unfinished
 */
public record CheckoutSession(String id, CheckoutMode mode, CheckoutStatus status, @Nullable String url,
		@Nullable String customerId, @Nullable String priceId, @Nullable String subscriptionId, @Nullable String paymentMethodId,
		String successUrl, String cancelUrl, Instant expiresAt) {

}
