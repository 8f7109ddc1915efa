package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.util.Map;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.NewCustomer;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.VISA;
import static io.recurportal.billing.sandbox.SandboxFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys: a retry changes nothing and answers as the first call did.
 */
class IdempotencyTests {

	private final SandboxFixture sandbox = new SandboxFixture();

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	@Test
	void sameKeySameRequestThenOneMutationAndSameAnswer() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		long before = this.gateway.mutationCount();
		Subscription first = this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, CancellationReason.NONE,
				"cancel-1");
		this.gateway.advanceClock(Duration.ofHours(1));
		Subscription retry = this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, CancellationReason.NONE,
				"cancel-1");
		assertThat(retry).isEqualTo(first);
		assertThat(this.gateway.mutationCount()).isEqualTo(before + 1);
		assertThat(this.gateway.mutations()).last()
			.isEqualTo(new SandboxMutation("subscription.cancel", subscription.id(), "cancel-1",
					SandboxFixture.APRIL_1));
	}

	@Test
	void sameKeyOtherArgumentsThenIdempotencyConflict() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, CancellationReason.NONE, "key-a");
		failure(PortalErrorCode.IDEMPOTENCY_CONFLICT, () -> this.gateway.cancel(subscription.id(),
				CancelTiming.IMMEDIATELY, CancellationReason.NONE, "key-a"));
		failure(PortalErrorCode.IDEMPOTENCY_CONFLICT, () -> this.gateway.pause(subscription.id(), null, "key-a"));
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void sameKeyForCreateCustomerThenOneCustomer() {
		Customer first = this.gateway.createCustomer(new NewCustomer("acct_1", "a@example.com", "A"), "create-1");
		Customer retry = this.gateway.createCustomer(new NewCustomer("acct_1", "a@example.com", "A"), "create-1");
		assertThat(retry).isEqualTo(first);
		failure(PortalErrorCode.IDEMPOTENCY_CONFLICT,
				() -> this.gateway.createCustomer(new NewCustomer("acct_2", "b@example.com", "B"), "create-1"));
		assertThat(this.gateway.findCustomerByExternalId("acct_2")).isEmpty();
		assertThat(this.gateway.mutationCount()).isEqualTo(1);
	}

	@Test
	void sameKeyForChangePriceThenChargedOnce() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.advanceClock(Duration.ofDays(15));
		Subscription first = this.gateway.changePrice(subscription.id(), "price_business_monthly",
				ProrationBehavior.ALWAYS_INVOICE, "upgrade-1");
		Subscription retry = this.gateway.changePrice(subscription.id(), "price_business_monthly",
				ProrationBehavior.ALWAYS_INVOICE, "upgrade-1");
		assertThat(retry).isEqualTo(first);
		assertThat(this.gateway.listInvoices(subscription.customerId(), 10)).hasSize(2);
	}

	@Test
	void sameKeyForAttachCardThenOneCardAndOtherCardConflicts() {
		Customer customer = this.sandbox.customer("acct_1");
		PaymentMethod first = this.gateway.attachCard(customer.id(), VISA, 12, 2030, "attach-1");
		PaymentMethod retry = this.gateway.attachCard(customer.id(), "4242424242424242", 12, 2030, "attach-1");
		assertThat(retry).isEqualTo(first);
		failure(PortalErrorCode.IDEMPOTENCY_CONFLICT,
				() -> this.gateway.attachCard(customer.id(), "5555555555554444", 12, 2030, "attach-1"));
		assertThat(this.gateway.listPaymentMethods(customer.id())).containsExactly(first);
	}

	@Test
	void failedCallThenNotRememberedSoRetryWithSameKeyRuns() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		String visa = subscription.defaultPaymentMethodId();
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30));
		String openId = this.sandbox.subscription(subscription.id()).latestInvoiceId();
		failure(PortalErrorCode.PAYMENT_FAILED, () -> this.gateway.payInvoice(openId, null, "pay-1"));
		this.gateway.setDefaultPaymentMethod(subscription.customerId(), visa, this.sandbox.key());
		Invoice paid = this.gateway.payInvoice(openId, null, "pay-1");
		assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
	}

	@Test
	void keyAfter24HoursThenForgottenAndRunsAgain() {
		Customer customer = this.sandbox.customer("acct_1");
		CheckoutSessionRequest request = new CheckoutSessionRequest(CheckoutMode.SETUP, customer.id(), null, null,
				"https://shop.example/ok", "https://shop.example/back", Map.of());
		CheckoutSession first = this.gateway.createCheckoutSession(request, "checkout-1");
		this.gateway.advanceClock(Duration.ofHours(24).minusSeconds(1));
		assertThat(this.gateway.createCheckoutSession(request, "checkout-1")).isEqualTo(first);
		this.gateway.advanceClock(Duration.ofSeconds(1));
		CheckoutSession later = this.gateway.createCheckoutSession(request, "checkout-1");
		assertThat(later.id()).isNotEqualTo(first.id());
	}

	@Test
	void blankKeyThenInvalidRequest() {
		Customer customer = this.sandbox.customer("acct_1");
		failure(PortalErrorCode.INVALID_REQUEST,
				() -> this.gateway.attachCard(customer.id(), VISA, 12, 2030, " "));
	}

}
