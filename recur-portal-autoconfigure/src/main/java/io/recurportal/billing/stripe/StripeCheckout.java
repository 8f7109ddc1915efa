package io.recurportal.billing.stripe;

import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.error.PortalErrorCode;

/**
 * Stripe Checkout sessions: in subscription mode to start a subscription, in setup mode
 * to save a new card without charging it.
 */
final class StripeCheckout {

	private final StripeClient client;

	private final StripeModelMapper mapper;

	private final StripeErrorTranslator errors;

	StripeCheckout(StripeClient client, StripeModelMapper mapper, StripeErrorTranslator errors) {
		this.client = client;
		this.mapper = mapper;
		this.errors = errors;
	}

	/**
	 * One call: {@code POST /v1/checkout/sessions}. Setup mode names the
	 * {@code currency} the method will pay in, so Stripe offers what the merchant enabled
	 * in its Dashboard (SEPA Debit, ACH, Link, wallets), or {@code payment_method_types[]=card}
	 * when the customer has no currency yet (Stripe requires one of the two), and puts the subscription the card is for in the setup intent's
	 * metadata {@code subscription_id}, as Stripe's guide to updating a subscription's
	 * payment method does.
	 */
	CheckoutSession create(CheckoutSessionRequest request, String idempotencyKey) {
		SessionCreateParams.Builder params = SessionCreateParams.builder()
			.setCustomer(request.customerId())
			.setSuccessUrl(request.successUrl())
			.setCancelUrl(request.cancelUrl())
			.putAllMetadata(request.metadata());
		if (request.mode() == CheckoutMode.SUBSCRIPTION) {
			params.setMode(SessionCreateParams.Mode.SUBSCRIPTION)
				.addLineItem(
						SessionCreateParams.LineItem.builder().setPrice(request.priceId()).setQuantity(1L).build());
		}
		else {
			params.setMode(SessionCreateParams.Mode.SETUP);
			if (request.currency() != null) {
				// Stripe then offers every method the merchant enabled for the currency.
				params.setCurrency(request.currency());
			}
			else {
				params.addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD);
			}
			if (request.subscriptionId() != null) {
				params.setSetupIntentData(SessionCreateParams.SetupIntentData.builder()
					.putMetadata(StripeModelMapper.SUBSCRIPTION_ID_METADATA, request.subscriptionId())
					.build());
			}
		}
		Session session = this.errors.call(PortalErrorCode.CUSTOMER_NOT_FOUND,
				() -> this.client.v1()
					.checkout()
					.sessions()
					.create(params.build(),
							StripeIdempotencyKeys.requestOptions(StripeIdempotencyKeys.of(idempotencyKey))));
		CheckoutSession created = this.mapper.checkoutSession(session);
		// The answer to a create does not list line items or the setup intent's metadata.
		return new CheckoutSession(created.id(), created.mode(), created.status(), created.url(),
				(created.customerId() != null) ? created.customerId() : request.customerId(), (created.priceId() != null) ? created.priceId() : request.priceId(),
				(created.subscriptionId() != null) ? created.subscriptionId() : request.subscriptionId(),
				created.paymentMethodId(), created.successUrl(), created.cancelUrl(), created.expiresAt());
	}

	/**
	 * One call: {@code GET /v1/checkout/sessions/{id}} expanding {@code line_items} (the
	 * price), {@code setup_intent} (the saved card and the subscription it is for) and
	 * {@code subscription} (the one created and the card it pays with).
	 */
	Optional<CheckoutSession> find(String sessionId) {
		SessionRetrieveParams params = SessionRetrieveParams.builder()
			.addExpand("line_items")
			.addExpand("setup_intent")
			.addExpand("subscription")
			.build();
		return this.errors
			.find(PortalErrorCode.CHECKOUT_SESSION_NOT_FOUND,
					() -> this.client.v1().checkout().sessions().retrieve(sessionId, params))
			.map(this.mapper::checkoutSession);
	}

}
