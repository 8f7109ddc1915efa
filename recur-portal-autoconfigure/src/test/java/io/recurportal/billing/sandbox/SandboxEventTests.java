package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
			.containsExactly("customer.updated", "payment_method.attached", "customer.subscription.created",
					"invoice.finalized", "invoice.paid", "checkout.session.completed");
		assertThat(this.events).allSatisfy((event) -> {
			assertThat(event.customerId()).isEqualTo(customer.id());
			assertThat(event.created()).isEqualTo(SandboxFixture.APRIL_1);
			assertThat(event.id()).startsWith("evt_sbx_");
		});
		assertThat(this.events).filteredOn((event) -> event.type().startsWith("invoice."))
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
			.containsExactly(tuple("invoice.finalized", subscription.id(), renewed.latestInvoiceId()),
					tuple("invoice.paid", subscription.id(), renewed.latestInvoiceId()),
					tuple("customer.subscription.updated", subscription.id(), null));
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
			.containsExactly("invoice.finalized", "invoice.payment_failed", "customer.subscription.updated");
	}

	@Test
	void cancelAtPeriodEndThenUpdatedAndAtTheEndDeleted() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.setEventListener(this.events::add);
		this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, new CancellationReason(null, null),
				this.sandbox.key());
		this.gateway.advanceClock(Duration.ofDays(30));
		assertThat(this.events).extracting(SandboxEvent::type, SandboxEvent::created)
			.containsExactly(tuple("customer.subscription.updated", SandboxFixture.APRIL_1),
					tuple("customer.subscription.deleted", MAY_1));
	}

	@Test
	void pauseAndResumeThenPausedAndResumed() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.setEventListener(this.events::add);
		this.gateway.pause(subscription.id(), null, this.sandbox.key());
		this.gateway.resume(subscription.id(), this.sandbox.key());
		assertThat(this.events).extracting(SandboxEvent::type)
			.startsWith("customer.subscription.paused")
			.contains("customer.subscription.resumed");
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
			if (event.type().equals("customer.subscription.paused")) {
				this.gateway.resume(subscription.id(), this.sandbox.key());
			}
		});
		this.gateway.pause(subscription.id(), null, this.sandbox.key());
		assertThat(heard).containsExactly("customer.subscription.paused PAUSED",
				"customer.subscription.resumed ACTIVE");
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
			.containsExactly("customer.subscription.paused", "customer.subscription.resumed");
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
