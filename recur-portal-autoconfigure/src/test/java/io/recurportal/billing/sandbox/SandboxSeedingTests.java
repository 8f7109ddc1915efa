package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.APRIL_1;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sandbox built from a seed: every status made consistent with its history, and the
 * same ids on every start.
 */
class SandboxSeedingTests {

	static final String CUSTOMERS = """
			[{"id": "cus_active", "externalId": "acct_active", "email": "alice@example.com", "name": "Alice Example",
			  "phone": "+1 555 0100", "address": {"line1": "1 Main St", "city": "Springfield", "postalCode": "12345", "country": "US"},
			  "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}, {"number": "5555555555554444", "expMonth": 1, "expYear": 2031}],
			  "subscriptions": [{"id": "sub_active", "priceId": "price_pro_monthly", "status": "active", "startedDaysAgo": 75}]},
			 {"id": "cus_past_due", "externalId": "acct_past_due", "cards": [{"number": "4000000000000341", "expMonth": 12, "expYear": 2030}],
			  "subscriptions": [{"id": "sub_past_due", "priceId": "price_pro_monthly", "status": "past_due", "startedDaysAgo": 40}]},
			 {"id": "cus_unpaid", "cards": [{"number": "4000000000000341", "expMonth": 12, "expYear": 2030}],
			  "subscriptions": [{"id": "sub_unpaid", "priceId": "price_pro_monthly", "status": "unpaid", "startedDaysAgo": 50}]},
			 {"id": "cus_trial", "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}],
			  "subscriptions": [{"id": "sub_trial", "priceId": "price_business_monthly", "startedDaysAgo": 9, "trialDaysLeft": 5}]},
			 {"id": "cus_paused", "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}],
			  "subscriptions": [{"id": "sub_paused", "priceId": "price_pro_monthly", "status": "paused", "startedDaysAgo": 20, "resumesInDays": 10}]},
			 {"id": "cus_canceled", "subscriptions": [{"id": "sub_canceled", "priceId": "price_pro_monthly", "status": "canceled", "startedDaysAgo": 100}]},
			 {"id": "cus_ending", "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}],
			  "subscriptions": [{"id": "sub_ending", "priceId": "price_pro_yearly", "startedDaysAgo": 400, "cancelAtPeriodEnd": true}]},
			 {"externalId": "acct_generated", "email": "gen@example.com",
			  "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}],
			  "subscriptions": [{"priceId": "price_pro_monthly", "startedDaysAgo": 31}, {"priceId": "price_pro_yearly"}]}]""";

	private final SandboxFixture sandbox = new SandboxFixture(CUSTOMERS);

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	@Test
	void activeThenStartedDaysAgoWithEveryPeriodInvoicedAndPaid() {
		Subscription subscription = this.sandbox.subscription("sub_active");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(subscription.created()).isEqualTo(Instant.parse("2026-01-16T00:00:00Z"));
		assertThat(subscription.currentPeriodStart()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
		assertThat(subscription.currentPeriodEnd()).isEqualTo(Instant.parse("2026-04-16T00:00:00Z"));
		List<Invoice> invoices = this.gateway.listInvoices("cus_active", 10);
		assertThat(invoices).extracting(Invoice::periodStart)
			.containsExactly(Instant.parse("2026-03-16T00:00:00Z"), Instant.parse("2026-02-16T00:00:00Z"),
					Instant.parse("2026-01-16T00:00:00Z"));
		assertThat(invoices).allSatisfy((invoice) -> {
			assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
			assertThat(invoice.amountPaid()).isEqualTo(2900);
			assertThat(invoice.paidAt()).isEqualTo(invoice.periodStart());
		});
		assertThat(subscription.latestInvoiceId()).isEqualTo(invoices.get(0).id());
		assertThat(invoices.get(2).number()).isEqualTo(InvoiceNumbers.prefixOf("cus_active") + "-0001");
	}

	@Test
	void customerThenProfileAndFirstCardAsDefault() {
		Customer customer = this.gateway.findCustomer("cus_active").orElseThrow();
		assertThat(customer.externalId()).isEqualTo("acct_active");
		assertThat(customer.name()).isEqualTo("Alice Example");
		assertThat(customer.address().city()).isEqualTo("Springfield");
		assertThat(customer.currency()).isEqualTo("usd");
		List<PaymentMethod> cards = this.gateway.listPaymentMethods("cus_active");
		assertThat(cards).extracting((method) -> method.card().last4()).containsExactly("4444", "4242");
		assertThat(customer.defaultPaymentMethodId()).isEqualTo(cards.get(1).id());
	}

	@Test
	void pastDueThenCurrentInvoiceOpenAndUnpaidWhenGraceSinceFailureRunsOut() {
		Subscription subscription = this.sandbox.subscription("sub_past_due");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		Invoice open = this.sandbox.invoice(subscription.latestInvoiceId());
		assertThat(open.status()).isEqualTo(InvoiceStatus.OPEN);
		assertThat(open.periodStart()).isEqualTo(Instant.parse("2026-03-20T00:00:00Z"));
		assertThat(open.amountRemaining()).isEqualTo(2900);
		assertThat(this.gateway.listInvoices("cus_past_due", 10)).hasSize(2)
			.last()
			.satisfies((invoice) -> assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID));
		// The charge failed on 20 March; 14 days' grace runs out on 3 April.
		this.gateway.advanceClock(Duration.ofDays(2).minusSeconds(1));
		assertThat(this.sandbox.subscription("sub_past_due").status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		this.gateway.advanceClock(Duration.ofSeconds(1));
		assertThat(this.sandbox.subscription("sub_past_due").status()).isEqualTo(SubscriptionStatus.UNPAID);
	}

	@Test
	void unpaidThenOpenInvoiceAndActiveOncePaidWithGoodCard() {
		Subscription subscription = this.sandbox.subscription("sub_unpaid");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.UNPAID);
		PaymentMethod visa = this.gateway.attachCard("cus_unpaid", "4242424242424242", 12, 2030, this.sandbox.key());
		this.gateway.payInvoice(subscription.latestInvoiceId(), visa.id(), this.sandbox.key());
		assertThat(this.sandbox.subscription("sub_unpaid").status()).isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void trialingThenTrialEndsInTrialDaysLeftWithFreeTrialInvoice() {
		Subscription subscription = this.sandbox.subscription("sub_trial");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.TRIALING);
		assertThat(subscription.created()).isEqualTo(APRIL_1.minus(Duration.ofDays(9)));
		assertThat(subscription.trialEnd()).isEqualTo(APRIL_1.plus(Duration.ofDays(5)));
		assertThat(subscription.currentPeriodEnd()).isEqualTo(subscription.trialEnd());
		assertThat(this.gateway.listInvoices("cus_trial", 10)).singleElement().satisfies((invoice) -> {
			assertThat(invoice.total()).isZero();
			assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
			assertThat(invoice.lines().get(0).description()).isEqualTo("Trial period for Business");
		});
	}

	@Test
	void pausedThenResumesOnItsDate() {
		Subscription subscription = this.sandbox.subscription("sub_paused");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.PAUSED);
		assertThat(subscription.resumesAt()).isEqualTo(APRIL_1.plus(Duration.ofDays(10)));
		this.gateway.advanceClock(Duration.ofDays(10));
		assertThat(this.sandbox.subscription("sub_paused").status()).isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void canceledThenEndedAtItsLastPeriodEndWithPaidHistory() {
		Subscription subscription = this.sandbox.subscription("sub_canceled");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.CANCELED);
		// Started 22 December 2025; its last full period ended 22 March.
		assertThat(subscription.endedAt()).isEqualTo(Instant.parse("2026-03-22T00:00:00Z"));
		assertThat(subscription.currentPeriodEnd()).isEqualTo(subscription.endedAt());
		assertThat(this.gateway.listInvoices("cus_canceled", 10)).hasSize(3)
			.allSatisfy((invoice) -> assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID));
		this.gateway.advanceClock(Duration.ofDays(60));
		assertThat(this.gateway.listInvoices("cus_canceled", 10)).hasSize(3);
	}

	@Test
	void cancelAtPeriodEndThenActiveUntilPeriodEnd() {
		Subscription subscription = this.sandbox.subscription("sub_ending");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(subscription.cancelAtPeriodEnd()).isTrue();
		this.gateway.advanceClock(Duration.between(APRIL_1, subscription.currentPeriodEnd()));
		assertThat(this.sandbox.subscription("sub_ending").status()).isEqualTo(SubscriptionStatus.CANCELED);
	}

	@Test
	void generatedIdsThenStripeShapedFromCounters() {
		Customer customer = this.gateway.findCustomerByExternalId("acct_generated").orElseThrow();
		assertThat(customer.id()).isEqualTo("cus_sbx000001");
		assertThat(this.gateway.listSubscriptions(customer.id())).extracting(Subscription::id)
			.containsExactly("sub_sbx000002", "sub_sbx000001");
		assertThat(this.gateway.listInvoices(customer.id(), 10)).allSatisfy(
				(invoice) -> assertThat(invoice.id()).matches("in_sbx\\d{6}"));
	}

	@Test
	void sameSeedThenSameIdsAcrossGateways() {
		SandboxFixture other = new SandboxFixture(CUSTOMERS);
		assertThat(snapshot(other.gateway)).isEqualTo(snapshot(this.gateway));
	}

	@Test
	void sameSeedOnAnotherDayThenSameCustomerSubscriptionAndCardIds() {
		SandboxFixture later = new SandboxFixture(APRIL_1.plus(Duration.ofDays(17)), CUSTOMERS);
		Customer here = this.gateway.findCustomerByExternalId("acct_generated").orElseThrow();
		Customer there = later.gateway.findCustomerByExternalId("acct_generated").orElseThrow();
		assertThat(there.id()).isEqualTo(here.id());
		assertThat(there.defaultPaymentMethodId()).isEqualTo(here.defaultPaymentMethodId());
		assertThat(later.gateway.listSubscriptions(there.id())).extracting(Subscription::id)
			.isEqualTo(this.gateway.listSubscriptions(here.id()).stream().map(Subscription::id).toList());
	}

	private static List<String> snapshot(SandboxBillingGateway gateway) {
		List<String> ids = new ArrayList<>();
		for (String customerId : List.of("cus_active", "cus_past_due", "cus_unpaid", "cus_trial", "cus_paused",
				"cus_canceled", "cus_ending", gateway.findCustomerByExternalId("acct_generated").orElseThrow().id())) {
			ids.add(customerId);
			gateway.listSubscriptions(customerId).forEach((subscription) -> ids.add(subscription.toString()));
			gateway.listInvoices(customerId, 100).forEach((invoice) -> ids.add(invoice.id() + " " + invoice.number()));
			gateway.listPaymentMethods(customerId).forEach((method) -> ids.add(method.id()));
		}
		return ids;
	}

}
