package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.VISA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads at once: one lock means one effect.
 */
class ConcurrencyTests {

	private static final int THREADS = 16;

	private final SandboxFixture sandbox = new SandboxFixture();

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	@AfterEach
	void stopThreads() {
		this.executor.shutdownNow();
	}

	@Test
	void cancelWithSameKeyFromManyThreadsThenOneMutationAndOneAnswer() throws Exception {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		long before = this.gateway.mutationCount();
		List<Subscription> answers = all(() -> this.gateway.cancel(subscription.id(), CancelTiming.IMMEDIATELY,
				new CancellationReason("unused", null), "cancel-once"));
		assertThat(answers).hasSize(THREADS).containsOnly(answers.get(0));
		assertThat(answers.get(0).status()).isEqualTo(SubscriptionStatus.CANCELED);
		assertThat(this.gateway.mutationCount()).isEqualTo(before + 1);
	}

	@Test
	void payInvoiceWithDifferentKeysFromManyThreadsThenChargedOnce() throws Exception {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30));
		String openId = this.sandbox.subscription(subscription.id()).latestInvoiceId();
		PaymentMethod visa = this.gateway.attachCard(subscription.customerId(), VISA, 12, 2030, this.sandbox.key());
		long before = this.gateway.mutationCount();
		List<Object> outcomes = all(() -> {
			try {
				return this.gateway.payInvoice(openId, visa.id(), "pay-" + Thread.currentThread().getId());
			}
			catch (PortalException ex) {
				return ex.getErrorCode();
			}
		});
		assertThat(outcomes).filteredOn(Invoice.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(PortalErrorCode.class::isInstance)
			.hasSize(THREADS - 1)
			.containsOnly(PortalErrorCode.INVALID_REQUEST);
		assertThat(this.gateway.mutationCount()).isEqualTo(before + 1);
		assertThat(this.sandbox.invoice(openId).status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void advanceClockWhileOthersReadThenEveryRenewalHappensOnce() throws Exception {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		all(() -> {
			this.gateway.advanceClock(Duration.ofDays(1));
			return this.gateway.listInvoices(subscription.customerId(), 100).size();
		});
		// 16 days from 1 April: no renewal yet; then to 1 August: four renewals.
		assertThat(this.gateway.listInvoices(subscription.customerId(), 100)).hasSize(1);
		all(() -> {
			this.gateway.advanceClock(Duration.ofDays(7));
			return this.sandbox.subscription(subscription.id()).status();
		});
		assertThat(this.gateway.listInvoices(subscription.customerId(), 100)).extracting(Invoice::number)
			.doesNotHaveDuplicates()
			.hasSize(5);
	}

	private <T> List<T> all(Callable<T> task) throws InterruptedException, ExecutionException {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			futures.add(this.executor.submit(() -> {
				start.await();
				return task.call();
			}));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get());
		}
		return results;
	}

}
