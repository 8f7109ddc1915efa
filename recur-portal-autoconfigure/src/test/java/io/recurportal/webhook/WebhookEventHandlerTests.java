package io.recurportal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;
import io.recurportal.customer.BillingAccountCustomerResolver;
import io.recurportal.testsupport.MutableClock;
import io.recurportal.testsupport.TestSnapshots;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.InMemorySubscriptionMirror;
import io.recurportal.subscription.SubscriptionMirror;

import static io.recurportal.testsupport.TestSubscriptions.active;
import static io.recurportal.testsupport.TestSubscriptions.canceledAtPeriodEnd;
import static io.recurportal.testsupport.TestSubscriptions.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

class WebhookEventHandlerTests {

	private static final Instant T1 = Instant.parse("2026-03-01T12:00:00Z");

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final SubscriptionMirror mirror = new InMemorySubscriptionMirror();

	private final MutableClock clock = new MutableClock(T1);

	private final AccountSnapshots snapshots = TestSnapshots.inMemory(this.clock);

	private final WebhookEventHandler handler = new WebhookEventHandler(this.gateway, this.mirror,
			new AccountSubscriptions(this.gateway, this.mirror,
					new BillingAccountCustomerResolver(this.gateway, this.snapshots), this.snapshots,
					Clock.systemUTC()),
			this.snapshots);

	static BillingEvent subscriptionEvent(BillingEventType type, Instant created) {
		return new BillingEvent("evt_" + created.getEpochSecond(), type, created, "cus_1", "sub_1", null, null);
	}

	static Customer customer(String id, String accountId) {
		return new Customer(id, accountId, "a@example.com", "A", null, null, null, null, 0, "usd", Map.of());
	}

	private void provider(Subscription subscription) {
		given(this.gateway.findSubscription(subscription.id())).willReturn(Optional.of(subscription));
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional.of(customer("cus_1", "acc_1")));
	}

	@Test
	void handleWhenSubscriptionCreatedThenStoredForTheCustomersAccountAndAnnounced() {
		provider(active("sub_1"));
		List<PortalBillingEvent> events = this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_CREATED,
				T1));
		assertThat(this.mirror.find("acc_1", "sub_1")).contains(active("sub_1"));
		assertThat(events).containsExactly(new SubscriptionCreatedEvent("evt_" + T1.getEpochSecond(), "acc_1",
				active("sub_1")));
	}

	@Test
	void handleWhenEventNamesTheAccountThenNoCustomerLookup() {
		given(this.gateway.findSubscription("sub_1")).willReturn(Optional.of(active("sub_1")));
		this.handler.handle(new BillingEvent("evt_1", BillingEventType.SUBSCRIPTION_UPDATED, T1, "cus_1", "sub_1", null,
				"acc_9"));
		assertThat(this.mirror.find("acc_9", "sub_1")).isPresent();
		then(this.gateway).should(never()).findCustomer("cus_1");
	}

	@Test
	void handleWhenStateGoesOnHoldThenUpdatedAndOnHold() {
		provider(active("sub_1"));
		this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_CREATED, T1));
		Subscription pastDue = withStatus(active("sub_1"), SubscriptionStatus.PAST_DUE);
		provider(pastDue);
		List<PortalBillingEvent> events = this.handler
			.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_UPDATED, T1.plusSeconds(1)));
		assertThat(events).hasExactlyElementsOfTypes(SubscriptionUpdatedEvent.class, SubscriptionOnHoldEvent.class);
	}

	@Test
	void handleWhenInvoicePaidAfterOnHoldThenPaymentSucceededAndReactivated() {
		Subscription pastDue = withStatus(active("sub_1"), SubscriptionStatus.PAST_DUE);
		provider(pastDue);
		this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_UPDATED, T1));
		provider(active("sub_1"));
		List<PortalBillingEvent> events = this.handler.handle(
				new BillingEvent("evt_paid", BillingEventType.INVOICE_PAID, T1.plusSeconds(1), "cus_1", "sub_1", "in_2",
						null));
		assertThat(events).containsExactly(new SubscriptionReactivatedEvent("evt_paid", "acc_1", active("sub_1")),
				new PaymentSucceededEvent("evt_paid", "acc_1", "cus_1", "in_2", "sub_1"));
		assertThat(this.mirror.find("acc_1", "sub_1")).contains(active("sub_1"));
	}

	@Test
	void handleWhenCancellationUndoneThenReactivated() {
		provider(canceledAtPeriodEnd(active("sub_1")));
		this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_UPDATED, T1));
		provider(active("sub_1"));
		assertThat(this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_UPDATED, T1.plusSeconds(1))))
			.hasExactlyElementsOfTypes(SubscriptionUpdatedEvent.class, SubscriptionReactivatedEvent.class);
	}

	@Test
	void handleWhenPaymentFailedThenPaymentFailedEvent() {
		provider(active("sub_1"));
		assertThat(this.handler.handle(new BillingEvent("evt_f", BillingEventType.INVOICE_PAYMENT_FAILED, T1, "cus_1",
				"sub_1", "in_2", null)))
			.containsExactly(new PaymentFailedEvent("evt_f", "acc_1", "cus_1", "in_2", "sub_1"));
	}

	@Test
	void handleWhenOlderThanStoredThenMirrorKeptAndNoTransitions() {
		Subscription pastDue = withStatus(active("sub_1"), SubscriptionStatus.PAST_DUE);
		provider(active("sub_1"));
		this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_UPDATED, T1.plusSeconds(10)));
		provider(pastDue);
		List<PortalBillingEvent> events = this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_UPDATED,
				T1));
		assertThat(this.mirror.find("acc_1", "sub_1")).contains(active("sub_1"));
		assertThat(events).hasExactlyElementsOfTypes(SubscriptionUpdatedEvent.class);
	}

	@Test
	void handleWhenDeletedThenCanceledEvent() {
		Subscription canceled = withStatus(active("sub_1"), SubscriptionStatus.CANCELED);
		provider(canceled);
		assertThat(this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_DELETED, T1)))
			.containsExactly(new SubscriptionCanceledEvent("evt_" + T1.getEpochSecond(), "acc_1", canceled));
		assertThat(this.mirror.find("acc_1", "sub_1")).contains(canceled);
	}

	@Test
	void handleWhenCustomerOfNoAccountThenNothing() {
		given(this.gateway.findSubscription("sub_1")).willReturn(Optional.of(active("sub_1")));
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional.of(customer("cus_1", null)));
		assertThat(this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_CREATED, T1))).isEmpty();
		assertThat(this.handler.handle(
				new BillingEvent("evt_p", BillingEventType.INVOICE_PAID, T1, "cus_1", null, "in_1", null)))
			.isEmpty();
	}

	@Test
	void handleWhenInvoiceOfASubscriptionFinalizedThenTheCustomerIsLookedUpOnce() {
		provider(active("sub_1"));
		this.handler
			.handle(new BillingEvent("evt_f", BillingEventType.INVOICE_FINALIZED, T1, "cus_1", "sub_1", "in_1", null));
		assertThat(this.mirror.find("acc_1", "sub_1")).isPresent();
		then(this.gateway).should(times(1)).findCustomer("cus_1");
	}

	@Test
	void handleWhenInvoiceOfAnAccountThenItsSnapshotsAreReadAgain() {
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional.of(customer("cus_1", "acc_1")));
		AtomicInteger reads = new AtomicInteger();
		Supplier<List<Invoice>> read = () -> {
			reads.incrementAndGet();
			return List.of();
		};
		this.snapshots.invoices("acc_1", read);
		this.snapshots.invoices("acc_2", read);
		this.clock.advance(Duration.ofSeconds(1));
		this.handler.handle(new BillingEvent("evt_f", BillingEventType.INVOICE_FINALIZED, T1, "cus_1", null, "in_1",
				null));
		this.clock.advance(Duration.ofSeconds(1));
		this.snapshots.invoices("acc_1", read);
		this.snapshots.invoices("acc_2", read);
		assertThat(reads).hasValue(3);
	}

	@Test
	void handleWhenProviderNoLongerHasTheSubscriptionThenNothing() {
		given(this.gateway.findSubscription("sub_1")).willReturn(Optional.empty());
		assertThat(this.handler.handle(subscriptionEvent(BillingEventType.SUBSCRIPTION_UPDATED, T1))).isEmpty();
		then(this.gateway).should(never()).findCustomer("cus_1");
	}

	@Test
	void handleWhenCustomerUpdatedThenAccountReconciled() {
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional.of(customer("cus_1", "acc_1")));
		given(this.gateway.findCustomerByExternalId("acc_1")).willReturn(Optional.of(customer("cus_1", "acc_1")));
		given(this.gateway.listSubscriptions("cus_1")).willReturn(List.of(active("sub_1")));
		assertThat(this.handler
			.handle(new BillingEvent("evt_c", BillingEventType.CUSTOMER_UPDATED, T1, "cus_1", null, null, null)))
			.isEmpty();
		assertThat(this.mirror.find("acc_1", "sub_1")).contains(active("sub_1"));
		assertThat(this.mirror.syncState("acc_1")).isPresent();
	}

	@Test
	void handleWhenCheckoutMadeASubscriptionThenStoredWithoutAnnouncing() {
		provider(active("sub_1"));
		assertThat(this.handler.handle(new BillingEvent("evt_cs", BillingEventType.CHECKOUT_COMPLETED, T1, "cus_1",
				"sub_1", null, null)))
			.isEmpty();
		assertThat(this.mirror.find("acc_1", "sub_1")).isPresent();
		then(this.gateway).should(never()).listSubscriptions("cus_1");
	}

}
