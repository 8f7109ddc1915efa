package io.recurportal.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.Card;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.testsupport.MutableClock;
import io.recurportal.testsupport.TestSandbox;

import static org.assertj.core.api.Assertions.assertThat;

class AccountSnapshotsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));

	private final InMemoryBillingSnapshotStore store = new InMemoryBillingSnapshotStore();

	private final AccountSnapshots snapshots = new AccountSnapshots(this.store, Duration.ofMinutes(10), this.clock);

	private final AtomicInteger reads = new AtomicInteger();

	@Test
	void customerWhenAskedTwiceThenProviderReadOnceAndSameCustomerAnswered() {
		Customer first = this.snapshots.customer("acct_1", this::readCustomer);
		Customer second = this.snapshots.customer("acct_1", this::readCustomer);
		assertThat(this.reads).hasValue(1);
		assertThat(second).isEqualTo(first);
		assertThat(second.defaultPaymentMethod()).isNotNull();
	}

	@Test
	void invoicesWhenAskedTwiceThenReadOnceAndEqualAfterStoring() {
		List<Invoice> invoices = TestSandbox.create().listInvoices("cus_active", 24);
		assertThat(invoices).isNotEmpty();
		List<Invoice> first = this.snapshots.invoices("acct_active", () -> count(invoices));
		List<Invoice> second = this.snapshots.invoices("acct_active", () -> count(invoices));
		assertThat(this.reads).hasValue(1);
		assertThat(second).isEqualTo(first).isEqualTo(invoices);
	}

	@Test
	void customerWhenTimeToLivePassedThenReadAgain() {
		this.snapshots.customer("acct_1", this::readCustomer);
		this.clock.advance(Duration.ofMinutes(9));
		this.snapshots.customer("acct_1", this::readCustomer);
		assertThat(this.reads).hasValue(1);
		this.clock.advance(Duration.ofMinutes(1));
		this.snapshots.customer("acct_1", this::readCustomer);
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void customerWhenForgottenThenReadAgain() {
		this.snapshots.customer("acct_1", this::readCustomer);
		this.clock.advance(Duration.ofSeconds(1));
		this.snapshots.forget("acct_1");
		this.clock.advance(Duration.ofSeconds(1));
		this.snapshots.customer("acct_1", this::readCustomer);
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void customerWhenAccountChangesDuringTheReadThenItsAnswerIsNotKept() {
		this.snapshots.customer("acct_1", () -> {
			// The owner's action completes while this view waits for the provider.
			this.clock.advance(Duration.ofMillis(5));
			this.snapshots.forget("acct_1");
			return readCustomer();
		});
		this.clock.advance(Duration.ofMillis(5));
		this.snapshots.customer("acct_1", this::readCustomer);
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void lookUpCustomerThenCustomerNeedsNoSecondRead() {
		Optional<Customer> found = this.snapshots.lookUpCustomer("acct_1", () -> Optional.of(readCustomer()));
		Customer shown = this.snapshots.customer("acct_1", this::readCustomer);
		assertThat(this.reads).hasValue(1);
		assertThat(found).contains(shown);
	}

	@Test
	void customerWhenTimeToLiveZeroThenAlwaysRead() {
		AccountSnapshots uncached = new AccountSnapshots(this.store, Duration.ZERO, this.clock);
		uncached.customer("acct_1", this::readCustomer);
		uncached.customer("acct_1", this::readCustomer);
		assertThat(this.reads).hasValue(2);
		assertThat(this.store.find("acct_1", AccountSnapshots.CUSTOMER)).isEmpty();
	}

	@Test
	void customerWhenStoredTextUnreadableThenReadAgain() {
		this.store.save("acct_1", AccountSnapshots.CUSTOMER, new BillingSnapshot("{\"id\":", this.clock.instant()));
		this.clock.advance(Duration.ofSeconds(1));
		Customer customer = this.snapshots.customer("acct_1", this::readCustomer);
		assertThat(this.reads).hasValue(1);
		assertThat(customer.id()).isEqualTo("cus_1");
	}

	private Customer readCustomer() {
		this.reads.incrementAndGet();
		PaymentMethod card = new PaymentMethod("pm_1", "cus_1", "card", new Card("visa", "4242", 12, 2030),
				Instant.parse("2026-01-01T00:00:00Z"));
		return new Customer("cus_1", "acct_1", "ana@example.com", "Ana", null, null, null, "pm_1", 500, "usd",
				Map.of("plan", "pro"), card);
	}

	private <T> T count(T answer) {
		this.reads.incrementAndGet();
		return answer;
	}

}
