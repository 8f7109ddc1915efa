package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.util.Map;

import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.APRIL_1;
import static io.recurportal.billing.sandbox.SandboxFixture.CHARGES_FAIL;
import static io.recurportal.billing.sandbox.SandboxFixture.VISA;
import static io.recurportal.billing.sandbox.SandboxFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkout sessions, created by the portal and completed on the sandbox's checkout page.
 */
class CheckoutSessionTests {

	private final SandboxFixture sandbox = new SandboxFixture();

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	private final Customer customer = this.sandbox.customer("acct_checkout");

	@Test
	void createThenOpenWithUrlOnSandboxPageAndExpiryIn24Hours() {
		CheckoutSession session = create(CheckoutMode.SUBSCRIPTION, "price_pro_monthly", null);
		assertThat(session.id()).startsWith("cs_");
		assertThat(session.status()).isEqualTo(CheckoutStatus.OPEN);
		assertThat(session.url()).isEqualTo(SandboxFixture.CHECKOUT_BASE + "/" + session.id());
		assertThat(session.expiresAt()).isEqualTo(APRIL_1.plus(Duration.ofHours(24)));
		assertThat(session.successUrl()).isEqualTo("https://shop.example/ok?session=" + session.id());
		assertThat(session.cancelUrl()).isEqualTo("https://shop.example/back");
		assertThat(session.priceId()).isEqualTo("price_pro_monthly");
		assertThat(this.gateway.findCheckoutSession(session.id())).contains(session);
	}

	@Test
	void completeInSubscriptionModeThenSubscribedWithCardAsDefault() {
		CheckoutSession session = create(CheckoutMode.SUBSCRIPTION, "price_pro_monthly", null);
		CheckoutSession completed = this.gateway.completeCheckoutSession(session.id(), VISA, 12, 2030);
		assertThat(completed.status()).isEqualTo(CheckoutStatus.COMPLETE);
		assertThat(completed.url()).isNull();
		Subscription subscription = this.sandbox.subscription(completed.subscriptionId());
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(subscription.customerId()).isEqualTo(this.customer.id());
		assertThat(subscription.defaultPaymentMethodId()).isEqualTo(completed.paymentMethodId());
		assertThat(this.gateway.findCustomer(this.customer.id()).orElseThrow().defaultPaymentMethodId())
			.isEqualTo(completed.paymentMethodId());
		assertThat(this.gateway.findCustomer(this.customer.id()).orElseThrow().currency()).isEqualTo("usd");
		assertThat(this.gateway.findCheckoutSession(session.id())).contains(completed);
	}

	@Test
	void completeTwiceThenSameSessionAndOneSubscription() {
		CheckoutSession session = create(CheckoutMode.SUBSCRIPTION, "price_pro_monthly", null);
		CheckoutSession first = this.gateway.completeCheckoutSession(session.id(), VISA, 12, 2030);
		long mutations = this.gateway.mutationCount();
		CheckoutSession second = this.gateway.completeCheckoutSession(session.id(), "5555555555554444", 1, 2031);
		assertThat(second).isEqualTo(first);
		assertThat(this.gateway.mutationCount()).isEqualTo(mutations);
		assertThat(this.gateway.listSubscriptions(this.customer.id())).hasSize(1);
		assertThat(this.gateway.listPaymentMethods(this.customer.id())).hasSize(1);
	}

	@Test
	void completeWhenCardDeclinedAtAttachThenPaymentFailedAndSessionStaysOpen() {
		CheckoutSession session = create(CheckoutMode.SUBSCRIPTION, "price_pro_monthly", null);
		failure(PortalErrorCode.PAYMENT_FAILED,
				() -> this.gateway.completeCheckoutSession(session.id(), "4000 0000 0000 0002", 12, 2030));
		assertThat(this.gateway.findCheckoutSession(session.id()).orElseThrow().status())
			.isEqualTo(CheckoutStatus.OPEN);
		assertThat(this.gateway.listPaymentMethods(this.customer.id())).isEmpty();
	}

	@Test
	void completeWhenFirstChargeFailsThenNothingCreatedAndSessionStaysOpen() {
		CheckoutSession session = create(CheckoutMode.SUBSCRIPTION, "price_pro_monthly", null);
		long mutations = this.gateway.mutationCount();
		failure(PortalErrorCode.PAYMENT_FAILED,
				() -> this.gateway.completeCheckoutSession(session.id(), CHARGES_FAIL, 12, 2030));
		assertThat(this.gateway.findCheckoutSession(session.id())).contains(session);
		assertThat(this.gateway.listSubscriptions(this.customer.id())).isEmpty();
		assertThat(this.gateway.listPaymentMethods(this.customer.id())).isEmpty();
		assertThat(this.gateway.listInvoices(this.customer.id(), 10)).isEmpty();
		assertThat(this.gateway.mutationCount()).isEqualTo(mutations);
		CheckoutSession retried = this.gateway.completeCheckoutSession(session.id(), VISA, 12, 2030);
		assertThat(retried.status()).isEqualTo(CheckoutStatus.COMPLETE);
	}

	@Test
	void completeWhenCardInvalidThenInvalidCard() {
		CheckoutSession session = create(CheckoutMode.SUBSCRIPTION, "price_pro_monthly", null);
		failure(PortalErrorCode.INVALID_CARD,
				() -> this.gateway.completeCheckoutSession(session.id(), "4242424242424241", 12, 2030));
		failure(PortalErrorCode.INVALID_CARD,
				() -> this.gateway.completeCheckoutSession(session.id(), VISA, 3, 2026));
	}

	@Test
	void completeInSetupModeThenCardIsDefaultOfCustomerAndSubscription() {
		Subscription subscription = this.sandbox.subscribe(this.customer.id(), "price_pro_monthly", VISA);
		CheckoutSession session = create(CheckoutMode.SETUP, null, subscription.id());
		assertThat(session.priceId()).isNull();
		CheckoutSession completed = this.gateway.completeCheckoutSession(session.id(), "5555 5555 5555 4444", 6,
				2031);
		assertThat(completed.subscriptionId()).isEqualTo(subscription.id());
		assertThat(completed.paymentMethodId()).isNotEqualTo(subscription.defaultPaymentMethodId());
		assertThat(this.sandbox.subscription(subscription.id()).defaultPaymentMethodId())
			.isEqualTo(completed.paymentMethodId());
		assertThat(this.gateway.findCustomer(this.customer.id()).orElseThrow().defaultPaymentMethodId())
			.isEqualTo(completed.paymentMethodId());
		assertThat(this.gateway.findPaymentMethod(completed.paymentMethodId()).orElseThrow().card())
			.satisfies((card) -> {
				assertThat(card.brand()).isEqualTo("mastercard");
				assertThat(card.last4()).isEqualTo("4444");
			});
		assertThat(this.gateway.listInvoices(this.customer.id(), 10)).hasSize(1);
	}

	@Test
	void sessionWhen24HoursPassThenExpiredAndCannotBeCompleted() {
		CheckoutSession session = create(CheckoutMode.SUBSCRIPTION, "price_pro_monthly", null);
		this.gateway.advanceClock(Duration.ofHours(24));
		CheckoutSession expired = this.gateway.findCheckoutSession(session.id()).orElseThrow();
		assertThat(expired.status()).isEqualTo(CheckoutStatus.EXPIRED);
		assertThat(expired.url()).isNull();
		failure(PortalErrorCode.INVALID_REQUEST,
				() -> this.gateway.completeCheckoutSession(session.id(), VISA, 12, 2030));
	}

	@Test
	void createWhenCustomerOrPriceOrSubscriptionUnknownThenMatchingCode() {
		failure(PortalErrorCode.CUSTOMER_NOT_FOUND, () -> this.gateway.createCheckoutSession(
				request(CheckoutMode.SUBSCRIPTION, "cus_missing", "price_pro_monthly", null), this.sandbox.key()));
		failure(PortalErrorCode.PRICE_NOT_AVAILABLE, () -> create(CheckoutMode.SUBSCRIPTION, "price_legacy", null));
		failure(PortalErrorCode.PRICE_NOT_AVAILABLE, () -> create(CheckoutMode.SUBSCRIPTION, "price_missing", null));
		failure(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, () -> create(CheckoutMode.SETUP, null, "sub_missing"));
		Subscription someoneElses = this.sandbox.subscribe("price_pro_monthly", VISA);
		failure(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, () -> create(CheckoutMode.SETUP, null, someoneElses.id()));
		failure(PortalErrorCode.CHECKOUT_SESSION_NOT_FOUND,
				() -> this.gateway.completeCheckoutSession("cs_missing", VISA, 12, 2030));
		assertThat(this.gateway.findCheckoutSession("cs_missing")).isEmpty();
	}

	@Test
	void createWhenPriceInAnotherCurrencyThanCustomersThenPriceNotAvailable() {
		this.sandbox.subscribe(this.customer.id(), "price_pro_monthly", VISA);
		failure(PortalErrorCode.PRICE_NOT_AVAILABLE,
				() -> create(CheckoutMode.SUBSCRIPTION, "price_euro_monthly", null));
	}

	private CheckoutSession create(CheckoutMode mode, @Nullable String priceId, @Nullable String subscriptionId) {
		return this.gateway.createCheckoutSession(request(mode, this.customer.id(), priceId, subscriptionId),
				this.sandbox.key());
	}

	private static CheckoutSessionRequest request(CheckoutMode mode, String customerId, @Nullable String priceId,
			@Nullable String subscriptionId) {
		return new CheckoutSessionRequest(mode, customerId, priceId, subscriptionId,
				"https://shop.example/ok?session={CHECKOUT_SESSION_ID}", "https://shop.example/back",
				Map.of("source", "test"));
	}

}
