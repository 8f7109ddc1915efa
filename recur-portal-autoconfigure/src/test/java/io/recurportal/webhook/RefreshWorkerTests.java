package io.recurportal.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventSink.Outcome;
import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Price;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.billing.budget.InMemoryProviderCallBudget;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.InMemorySubscriptionMirror;
import io.recurportal.testsupport.MutableClock;
import io.recurportal.testsupport.TestSnapshots;

import static io.recurportal.testsupport.TestSubscriptions.active;
import static io.recurportal.testsupport.TestSubscriptions.canceledAtPeriodEnd;
import static io.recurportal.testsupport.TestSubscriptions.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Recording events and doing the work they leave, in memory on a clock the tests move:
 * coalescing, newest wins, host events once, the budget, retries and reclaiming after a
 * crash. The JDBC queue's share of these semantics is in {@link RefreshQueueContractTests}.
 */
class RefreshWorkerTests {

	private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

	private static final Duration WINDOW = Duration.ofSeconds(5);

	private final MutableClock clock = new MutableClock(T0);

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final InMemorySubscriptionMirror mirror = new InMemorySubscriptionMirror();

	private final InMemoryRefreshQueue queue = new InMemoryRefreshQueue();

	private final List<PortalBillingEvent> published = new CopyOnWriteArrayList<>();

	private final WebhookEventRecorder recorder = new WebhookEventRecorder(new InMemoryWebhookEventStore(100),
			this.queue, ProcessingTransactions.none(), this.clock, WINDOW, Duration.ofMinutes(1));

	private RefreshWorker worker(int callsPerSecond) {
		AccountSnapshots snapshots = TestSnapshots.inMemory(this.clock);
		AccountSubscriptions subscriptions = new AccountSubscriptions(this.gateway, this.mirror,
				(account) -> Optional.empty(), snapshots, this.clock);
		WebhookRefresher refresher = new WebhookRefresher(this.gateway, this.mirror, subscriptions, snapshots,
				this.queue, (event) -> this.published.add((PortalBillingEvent) event), ProcessingTransactions.none(),
				this.clock);
		RefreshWorker worker = new RefreshWorker(this.queue, refresher,
				new InMemoryProviderCallBudget(callsPerSecond, this.clock), this.clock);
		worker.setRetryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(15));
		return worker;
	}

	private Outcome record(String id, BillingEventType type, String subscriptionId, Instant created) {
		return this.recorder.process(new BillingEvent(id, type, type.value(), created, "cus_1", subscriptionId,
				type.name().startsWith("INVOICE") ? "in_" + id : null, "acc_1", null));
	}

	private void provider(Subscription subscription) {
		given(this.gateway.findSubscription(subscription.id())).willReturn(Optional.of(subscription));
	}

	@Test
	void aRenewalsEventsCostOneReadAfterTheLastAndTellTheHostOnceEach() {
		RefreshWorker worker = worker(20);
		provider(active("sub_1"));
		record("evt_1", BillingEventType.INVOICE_FINALIZED, "sub_1", T0);
		record("evt_2", BillingEventType.INVOICE_PAID, "sub_1", T0.plusSeconds(1));
		record("evt_3", BillingEventType.SUBSCRIPTION_UPDATED, "sub_1", T0.plusSeconds(1));
		this.clock.advance(Duration.ofSeconds(2));
		record("evt_4", BillingEventType.SUBSCRIPTION_UPDATED, "sub_1", T0.plusSeconds(2));
		assertThat(record("evt_4", BillingEventType.SUBSCRIPTION_UPDATED, "sub_1", T0.plusSeconds(2)))
			.isEqualTo(Outcome.DUPLICATE);
		verifyNoInteractions(this.gateway);
		// Due a window after the last event, not the first.
		this.clock.advance(WINDOW.minusSeconds(1));
		assertThat(worker.runOnce()).isZero();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(worker.runOnce()).isOne();
		verify(this.gateway, times(1)).findSubscription("sub_1");
		assertThat(this.mirror.find("acc_1", "sub_1")).contains(active("sub_1"));
		assertThat(this.published).containsExactly(new SubscriptionUpdatedEvent("evt_4", "acc_1", active("sub_1")),
				new PaymentSucceededEvent("evt_2", "acc_1", "cus_1", "in_evt_2", "sub_1"));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(worker.runOnce()).isZero();
		assertThat(this.published).hasSize(2);
	}

	@Test
	void anOlderReadNeverOverwritesANewerState() {
		RefreshWorker worker = worker(20);
		Subscription newer = withStatus(active("sub_1"), SubscriptionStatus.PAST_DUE);
		this.mirror.saveIfNewer("acc_1", newer, T0.plusSeconds(30));
		provider(active("sub_1"));
		record("evt_old", BillingEventType.SUBSCRIPTION_UPDATED, "sub_1", T0);
		this.clock.advance(WINDOW);
		assertThat(worker.runOnce()).isOne();
		assertThat(this.mirror.find("acc_1", "sub_1")).contains(newer);
		// Announced as before, but no change is derived from a state that was not stored.
		assertThat(this.published).containsExactly(new SubscriptionUpdatedEvent("evt_old", "acc_1", active("sub_1")));
	}

	@Test
	void aScheduledCancellationAndAPlanChangeAreToldOnceUnderTheNewestEvent() {
		RefreshWorker worker = worker(20);
		Subscription before = active("sub_1");
		this.mirror.saveIfNewer("acc_1", before, T0.minusSeconds(60));
		Price yearly = new Price("price_pro_yearly", before.price().product(), "Pro yearly", "usd", 19000,
				io.recurportal.billing.BillingInterval.YEAR, 1, true, Map.of());
		Subscription after = canceledAtPeriodEnd(new Subscription("sub_1", "cus_1", SubscriptionStatus.ACTIVE, yearly,
				1, before.currentPeriodStart(), before.currentPeriodEnd(), false, null, null, null, null, null, "pm_1",
				"in_1", before.created()));
		provider(after);
		record("evt_1", BillingEventType.SUBSCRIPTION_UPDATED, "sub_1", T0);
		record("evt_2", BillingEventType.INVOICE_FINALIZED, "sub_1", T0.plusSeconds(1));
		this.clock.advance(WINDOW);
		worker.runOnce();
		assertThat(this.published).containsExactly(new SubscriptionUpdatedEvent("evt_1", "acc_1", after),
				new SubscriptionCancelScheduledEvent("evt_2", "acc_1", after),
				new SubscriptionPlanChangedEvent("evt_2", "acc_1", before.price(), after));
	}

	@Test
	void aSavedPaymentMethodAndAPaymentWithoutSubscriptionAreToldFromTheCustomersWork() {
		RefreshWorker worker = worker(20);
		this.recorder.process(new BillingEvent("evt_pm", BillingEventType.PAYMENT_METHOD_ATTACHED,
				"payment_method.attached", T0, "cus_1", null, null, null, "pm_9"));
		this.recorder.process(new BillingEvent("evt_fail", BillingEventType.INVOICE_PAYMENT_FAILED,
				"invoice.payment_failed", T0.plusSeconds(1), "cus_1", null, "in_9", null, null));
		given(this.gateway.findCustomer("cus_1")).willReturn(
				Optional.of(new Customer("cus_1", "acc_1", null, null, null, null, null, null, 0, null, Map.of())));
		this.clock.advance(WINDOW.plusSeconds(1));
		assertThat(worker.runOnce()).isOne();
		verify(this.gateway, times(1)).findCustomer("cus_1");
		verify(this.gateway, never()).findSubscription(org.mockito.ArgumentMatchers.anyString());
		assertThat(this.published).containsExactly(new PaymentMethodAttachedEvent("evt_pm", "acc_1", "cus_1", "pm_9"),
				new PaymentFailedEvent("evt_fail", "acc_1", "cus_1", "in_9", null));
	}

	@Test
	void backgroundReadsStayWithinTheBudgetAndTheRestWaitsForTheNextSecond() {
		RefreshWorker worker = worker(2);
		for (String id : List.of("sub_1", "sub_2", "sub_3")) {
			provider(active(id));
			record("evt_" + id, BillingEventType.SUBSCRIPTION_UPDATED, id, T0);
		}
		this.clock.advance(WINDOW);
		assertThat(worker.runOnce()).isEqualTo(2);
		assertThat(worker.runOnce()).isZero();
		assertThat(this.queue.backlog().size()).isOne();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(worker.runOnce()).isOne();
		assertThat(this.queue.backlog().size()).isZero();
		assertThat(this.published).hasSize(3);
	}

	@Test
	void concurrentReadsDoEachPieceOnceWithinTheBudget() {
		RefreshWorker worker = worker(5);
		worker.setConcurrency(4);
		try {
			for (int i = 1; i <= 8; i++) {
				provider(active("sub_" + i));
				record("evt_" + i, BillingEventType.SUBSCRIPTION_UPDATED, "sub_" + i, T0);
			}
			this.clock.advance(WINDOW);
			assertThat(worker.runOnce()).isEqualTo(5);
			assertThat(this.queue.backlog().size()).isEqualTo(3);
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(worker.runOnce()).isEqualTo(3);
			for (int i = 1; i <= 8; i++) {
				verify(this.gateway, times(1)).findSubscription("sub_" + i);
				assertThat(this.mirror.find("acc_1", "sub_" + i)).contains(active("sub_" + i));
			}
			assertThat(this.published).hasSize(8);
		}
		finally {
			worker.close();
		}
	}

	@Test
	void workOfACrashedWorkerIsDoneOnceAfterItsLease() {
		RefreshWorker worker = worker(20);
		provider(active("sub_1"));
		record("evt_1", BillingEventType.SUBSCRIPTION_CREATED, "sub_1", T0);
		this.clock.advance(WINDOW);
		// Another worker claimed it and died.
		assertThat(this.queue.claim(this.clock.instant(), this.clock.instant(), 10,
				this.clock.instant().plus(Duration.ofMinutes(1)), "crashed")).hasSize(1);
		assertThat(worker.runOnce()).isZero();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(worker.runOnce()).isOne();
		assertThat(this.published).containsExactly(new SubscriptionCreatedEvent("evt_1", "acc_1", active("sub_1")));
	}

	@Test
	void aFailingReadIsTriedAgainWithGrowingBackoffAndNeverLost() {
		RefreshWorker worker = worker(20);
		given(this.gateway.findSubscription("sub_1"))
			.willThrow(new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, "down"))
			.willThrow(new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, "down"))
			.willReturn(Optional.of(active("sub_1")));
		record("evt_1", BillingEventType.SUBSCRIPTION_UPDATED, "sub_1", T0);
		this.clock.advance(WINDOW);
		assertThat(worker.runOnce()).isOne();
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(worker.runOnce()).isZero();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(worker.runOnce()).isOne();
		assertThat(this.mirror.find("acc_1", "sub_1")).isEmpty();
		// Second failure: twice the wait.
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(worker.runOnce()).isZero();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(worker.runOnce()).isOne();
		assertThat(this.mirror.find("acc_1", "sub_1")).contains(active("sub_1"));
		assertThat(this.published).hasSize(1);
		assertThat(this.queue.backlog().size()).isZero();
	}

	@Test
	void drainDoesEverythingWaitingWhateverItsDueTime() {
		RefreshWorker worker = worker(1);
		provider(active("sub_1"));
		provider(active("sub_2"));
		record("evt_1", BillingEventType.SUBSCRIPTION_UPDATED, "sub_1", T0);
		record("evt_2", BillingEventType.SUBSCRIPTION_UPDATED, "sub_2", T0);
		assertThat(worker.drain()).isEqualTo(2);
		assertThat(this.queue.backlog().size()).isZero();
	}

}
