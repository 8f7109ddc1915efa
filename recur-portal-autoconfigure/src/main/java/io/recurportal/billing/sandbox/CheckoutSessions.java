package io.recurportal.billing.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.Price;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * The sandbox's hosted checkout: sessions are created by the portal and completed by the
 * customer on the sandbox's checkout page.
 */
final class CheckoutSessions {

	/** How long a session stays open, as on Stripe. */
	static final Duration LIFETIME = Duration.ofHours(24);

	/** Replaced by the session's id in the success URL, as Stripe does. */
	static final String SESSION_ID_TEMPLATE = "{CHECKOUT_SESSION_ID}";

	private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	/** Random characters in an id, as many as Stripe's test-mode ids have. */
	private static final int ID_RANDOM_LENGTH = 58;

	private static final SecureRandom random = new SecureRandom();

	private CheckoutSessions() {
	}

	/**
	 * A new checkout session id, shaped like Stripe's test-mode ones.
	 * @return {@code cs_test_} and 58 random letters and digits (about 345 bits)
	 */
	static String newId() {
		StringBuilder id = new StringBuilder("cs_test_");
		for (int i = 0; i < ID_RANDOM_LENGTH; i++) {
			id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
		}
		return id.toString();
	}

	static SandboxCheckoutSession create(SandboxLedger ledger, CheckoutSessionRequest request,
			SandboxSettings settings, Instant now) {
		SandboxCustomer customer = ledger.requireCustomer(request.customerId());
		if (request.successUrl().isBlank() || request.cancelUrl().isBlank()) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "A checkout needs a success and a cancel URL.");
		}
		if (request.mode() == CheckoutMode.SUBSCRIPTION) {
			Price price = ledger.catalog().requireAvailable(Objects.requireNonNull(request.priceId()));
			SubscriptionStateMachine.requireCurrency(customer, price);
		}
		else if (request.subscriptionId() != null) {
			SandboxSubscription subscription = ledger.requireSubscription(request.subscriptionId());
			if (!subscription.customerId.equals(customer.id)) {
				throw new PortalException(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
						"No subscription " + request.subscriptionId() + ".");
			}
			if (subscription.isEnded()) {
				throw new PortalException(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
						"The subscription has ended; its payment method cannot change.");
			}
		}
		// Random, unlike the sandbox's other ids: a checkout's id is in its page's URL, and
		// a guessable one would let anyone open (and pay) another customer's checkout.
		String id = newId();
		SandboxCheckoutSession session = new SandboxCheckoutSession(id, request.mode(), customer.id,
				(request.mode() == CheckoutMode.SUBSCRIPTION) ? request.priceId() : null, request.subscriptionId(),
				settings.checkoutUrl(id), request.successUrl().replace(SESSION_ID_TEMPLATE, id), request.cancelUrl(),
				now.plus(LIFETIME), request.metadata());
		ledger.add(session);
		return session;
	}

	/**
	 * Completes a session with the card the customer typed. Completing a completed
	 * session changes nothing and answers the session, so a double submit of the checkout
	 * page cannot subscribe twice.
	 * @param ledger the ledger copy to change
	 * @param sessionId the session
	 * @param card reads the card the customer typed, unless the session is complete
	 * @param now the time
	 * @return the session, and whether this call completed it
	 */
	static Completed complete(SandboxLedger ledger, String sessionId, Supplier<CardDetails> card, Instant now) {
		SandboxCheckoutSession session = ledger.requireCheckoutSession(sessionId);
		if (session.status == CheckoutStatus.COMPLETE) {
			return new Completed(session, false);
		}
		if (session.status == CheckoutStatus.EXPIRED) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "The checkout session has expired.");
		}
		SandboxCustomer customer = ledger.requireCustomer(session.customerId);
		SavedCard saved = SavedCards.attach(ledger, customer, card.get(), now);
		if (session.mode == CheckoutMode.SUBSCRIPTION) {
			Price price = ledger.catalog().price(Objects.requireNonNull(session.priceId));
			SandboxSubscription subscription = SubscriptionStateMachine.start(ledger, customer, price, 1, saved, now);
			session.subscriptionId = subscription.id;
			// The card pays this subscription; it becomes the customer's default only if
			// the customer has none, so other subscriptions keep their card.
			if (customer.defaultPaymentMethodId == null) {
				customer.defaultPaymentMethodId = saved.id();
			}
		}
		else {
			customer.defaultPaymentMethodId = saved.id();
			if (session.subscriptionId != null) {
				ledger.subscription(session.subscriptionId)
					.filter((subscription) -> !subscription.isEnded())
					.ifPresent((subscription) -> subscription.defaultPaymentMethodId = saved.id());
			}
		}
		session.status = CheckoutStatus.COMPLETE;
		session.paymentMethodId = saved.id();
		return new Completed(session, true);
	}

	/**
	 * A checkout session, and whether this call completed it.
	 *
	 * @param session the session
	 * @param completed whether it was completed now
	 */
	record Completed(SandboxCheckoutSession session, boolean completed) {

	}

}
