package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.util.Map;

import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutStatus;
import org.jspecify.annotations.Nullable;

/**
 * A checkout session as the sandbox keeps it. Only ever changed inside a
 * {@link SandboxLedger} copy.
 */
final class SandboxCheckoutSession {

	final String id;

	final CheckoutMode mode;

	final String customerId;

	final @Nullable String priceId;

	final String url;

	final String successUrl;

	final String cancelUrl;

	final Instant expiresAt;

	final Map<String, String> metadata;

	CheckoutStatus status = CheckoutStatus.OPEN;

	/** The subscription to update (setup mode), or the one created (subscription mode). */
	@Nullable String subscriptionId;

	@Nullable String paymentMethodId;

	SandboxCheckoutSession(String id, CheckoutMode mode, String customerId, @Nullable String priceId,
			@Nullable String subscriptionId, String url, String successUrl, String cancelUrl, Instant expiresAt,
			Map<String, String> metadata) {
		this.id = id;
		this.mode = mode;
		this.customerId = customerId;
		this.priceId = priceId;
		this.subscriptionId = subscriptionId;
		this.url = url;
		this.successUrl = successUrl;
		this.cancelUrl = cancelUrl;
		this.expiresAt = expiresAt;
		this.metadata = Map.copyOf(metadata);
	}

	SandboxCheckoutSession copy() {
		SandboxCheckoutSession copy = new SandboxCheckoutSession(this.id, this.mode, this.customerId, this.priceId,
				this.subscriptionId, this.url, this.successUrl, this.cancelUrl, this.expiresAt, this.metadata);
		copy.status = this.status;
		copy.paymentMethodId = this.paymentMethodId;
		return copy;
	}

	CheckoutSession toCheckoutSession() {
		// The page is only reachable while the session is open, as on Stripe.
		String openUrl = (this.status == CheckoutStatus.OPEN) ? this.url : null;
		return new CheckoutSession(this.id, this.mode, this.status, openUrl, this.customerId, this.priceId,
				this.subscriptionId, this.paymentMethodId, this.successUrl, this.cancelUrl, this.expiresAt);
	}

}
