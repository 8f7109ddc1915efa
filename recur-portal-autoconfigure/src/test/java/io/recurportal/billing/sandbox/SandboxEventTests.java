package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.MAY_1;
import static io.recurportal.billing.sandbox.SandboxFixture.VISA;
import static io.recurportal.billing.sandbox.SandboxFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The events the sandbox announces its changes with, as Stripe's webhooks would.
 */
class SandboxEventTests {

	private final SandboxFixture sandbox = new SandboxFixture();

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	private final List<SandboxEvent> events = new ArrayList<>();

	@Test
	void checkoutThenSubscriptionCreatedFirstInvoicePaidAndCheckoutCompleted() {
		Customer customer = this.sandbox.customer("acc_1");
		this.gateway.setEventListener(this.events::add);
		Subscription subscription = this.sandbox.subscribe(customer.id(), "price_pro_monthly", VISA);
		assertThat(this.events).extracting(SandboxEvent::type)
			.containsExactly(BillingEventType.CUSTOMER_UPDATED, BillingEventType.PAYMENT_METHOD_ATTACHED,
					BillingEventType.SUBSCRIPTION_CREATED,
					BillingEventType.INVOICE_FINALIZED, BillingEventType.INVOICE_PAID,
							BillingEventType.CHECKOUT_COMPLETED);
		assertThat(this.events).allSatisfy((event) -> {
			assertThat(event.customerId()).isEqualTo(customer.id());
			assertThat(event.created()).isEqualTo(SandboxFixture.APRIL_1);
			assertThat(event.id()).startsWith("evt_sbx_");
		});
		assertThat(this.events).filteredOn((event) -> event.type().value().startsWith("invoice."))
			.extracting(SandboxEvent::subscriptionId, SandboxEvent::invoiceId)
			.containsOnly(tuple(subscription.id(), subscription.latestInvoiceId()));
		assertThat(this.events).extracting(SandboxEvent::id).doesNotHaveDuplicates();
	}

	@Test
	void advanceClockWhenRenewedThenInvoicePaidAndSubscriptionUpdatedAtTheNewTime() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.setEventListener(this.events::add);
		this.gateway.advanceClock(Duration.ofDays(30));
		Subscription renewed = this.sandbox.subscription(subscription.id());
		assertThat(this.events).extracting(SandboxEvent::type, SandboxEvent::subscriptionId, SandboxEvent::invoiceId)
			.containsExactly(tuple(BillingEventType.INVOICE_FINALIZED, subscription.id(), renewed.latestInvoiceId()),
					tuple(BillingEventType.INVOICE_PAID, subscription.id(), renewed.latestInvoiceId()),
					tuple(BillingEventType.SUBSCRIPTION_UPDATED, subscription.id(), null));
		assertThat(this.events).extracting(SandboxEvent::created).containsOnly(MAY_1);
	}

	@Test
	void advanceClockWhenRenewalChargeFailsThenPaymentFailedAndSubscriptionUpdated() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.setEventListener(this.events::add);
		this.gateway.advanceClock(Duration.ofDays(30));
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		assertThat(this.events).extracting(SandboxEvent::type)
			.containsExactly(BillingEventType.INVOICE_FINALIZED, BillingEventType.INVOICE_PAYMENT_FAILED,
					BillingEventType.SUBSCRIPTION_UPDATED);
	}

	@Test
	void cancelAtPeriodEndThenUpdatedAndAtTheEndDeleted() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.setEventListener(this.events::add);
		this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, new CancellationReason(null, null),
				this.sandbox.key());
		this.gateway.advanceClock(Duration.ofDays(30));
		assertThat(this.events).extracting(SandboxEvent::type, SandboxEvent::created)
			.containsExactly(tuple(BillingEventType.SUBSCRIPTION_UPDATED, SandboxFixture.APRIL_1),
					tuple(BillingEventType.SUBSCRIPTION_DELETED, MAY_1));
	}

	@Test
	void pauseAndResumeThenPausedAndResumed() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.setEventListener(this.events::add);
		this.gateway.pause(subscription.id(), null, this.sandbox.key());
		this.gateway.resume(subscription.id(), this.sandbox.key());
		assertThat(this.events).extracting(SandboxEvent::type)
			.startsWith(BillingEventType.SUBSCRIPTION_PAUSED)
			.contains(BillingEventType.SUBSCRIPTION_RESUMED);
	}

	@Test
	void readsAndRetriesThenNoEvents() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		String key = this.sandbox.key();
		this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, new CancellationReason(null, null), key);
		this.gateway.setEventListener(this.events::add);
		this.gateway.findSubscription(subscription.id());
		this.gateway.listInvoices(subscription.customerId(), 10);
		this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, new CancellationReason(null, null), key);
		assertThat(this.events).isEmpty();
	}

	@Test
	void failedCallThenNoEvents() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.setEventListener(this.events::add);
		failure(PortalErrorCode.PAYMENT_FAILED, () -> this.gateway.attachCard(subscription.customerId(),
				"4000 0000 0000 0002", 12, 2030, this.sandbox.key()));
		assertThat(this.events).isEmpty();
	}

	@Test
	void listenerWhenItCallsTheSandboxThenItsOwnEventsComeNextInOrder() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		List<String> heard = new ArrayList<>();
		this.gateway.setEventListener((event) -> {
			heard.add(event.type() + " " + this.gateway.findSubscription(subscription.id()).orElseThrow().status());
			if (event.type().equals(BillingEventType.SUBSCRIPTION_PAUSED)) {
				this.gateway.resume(subscription.id(), this.sandbox.key());
			}
		});
		this.gateway.pause(subscription.id(), null, this.sandbox.key());
		assertThat(heard).containsExactly("SUBSCRIPTION_PAUSED PAUSED", "SUBSCRIPTION_RESUMED ACTIVE");
	}

	@Test
	void listenerWhenItThrowsThenTheChangeStandsAndLaterEventsArrive() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.setEventListener((event) -> {
			this.events.add(event);
			throw new IllegalStateException("listener down");
		});
		this.gateway.pause(subscription.id(), null, this.sandbox.key());
		this.gateway.resume(subscription.id(), this.sandbox.key());
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(this.events).extracting(SandboxEvent::type)
			.containsExactly(BillingEventType.SUBSCRIPTION_PAUSED, BillingEventType.SUBSCRIPTION_RESUMED);
	}

	@Test
	void setEventListenerWhenNullThenNothingIsHeard() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.setEventListener(this.events::add);
		this.gateway.setEventListener(null);
		this.gateway.advanceClock(Duration.ofDays(30));
		assertThat(this.sandbox.subscription(subscription.id()).currentPeriodStart()).isEqualTo(MAY_1);
		assertThat(this.events).isEmpty();
	}

}
