package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.RetentionCoupon;
import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.MAY_1;
import static io.recurportal.billing.sandbox.SandboxFixture.VISA;
import static io.recurportal.billing.sandbox.SandboxFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What time does: renewals, trial ends, failed renewals going past due then unpaid, and
 * the way back to active by paying the open invoice.
 */
class BillingCycleTests {

	private final SandboxFixture sandbox = new SandboxFixture();

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	@Test
	void advanceClockWhenPeriodEndsThenRenewsAndChargesTheCard() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.advanceClock(Duration.ofDays(30));
		Subscription renewed = this.sandbox.subscription(subscription.id());
		assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(renewed.currentPeriodStart()).isEqualTo(MAY_1);
		assertThat(renewed.currentPeriodEnd()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
		Invoice invoice = this.sandbox.invoice(renewed.latestInvoiceId());
		assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(invoice.created()).isEqualTo(MAY_1);
		assertThat(invoice.paidAt()).isEqualTo(MAY_1);
		assertThat(invoice.amountPaid()).isEqualTo(2900);
		assertThat(invoice.periodStart()).isEqualTo(MAY_1);
	}

	@Test
	void renewalsWhileARetentionDiscountLastsAreChargedLessThenInFullAgain() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		Subscription discounted = this.gateway.applyRetentionOffer(subscription.id(),
				new RetentionCoupon(null, 20, 2), "offer-1");
		assertThat(discounted.discount().end()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
		assertThat(discounted.retentionOffer()).isEqualTo(RetentionOfferStatus.ACCEPTED);
		this.gateway.advanceClock(Duration.ofDays(65));
		List<Invoice> invoices = this.gateway.listInvoices(subscription.customerId(), 10);
		// May and June's renewals: the discount ends on 1 June, before June's is made.
		assertThat(invoices).extracting(Invoice::amountPaid).containsExactly(2900L, 2320L, 2900L);
	}

	@Test
	void advanceClockWhenSeveralPeriodsPassThenRenewsEachAtItsOwnTime() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.advanceClock(Duration.ofDays(100));
		List<Invoice> invoices = this.gateway.listInvoices(subscription.customerId(), 10);
		assertThat(invoices).extracting(Invoice::created)
			.containsExactly(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"), MAY_1,
					SandboxFixture.APRIL_1);
		assertThat(invoices).allSatisfy((invoice) -> assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID));
		assertThat(invoices).extracting(Invoice::number)
			.containsExactly(prefix(invoices) + "-0004", prefix(invoices) + "-0003", prefix(invoices) + "-0002",
					prefix(invoices) + "-0001");
	}

	@Test
	void renewalWhenChargeFailsThenPastDueWithOpenInvoice() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30));
		Subscription pastDue = this.sandbox.subscription(subscription.id());
		assertThat(pastDue.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		assertThat(pastDue.isOnHold()).isTrue();
		Invoice open = this.sandbox.invoice(pastDue.latestInvoiceId());
		assertThat(open.status()).isEqualTo(InvoiceStatus.OPEN);
		assertThat(open.amountRemaining()).isEqualTo(2900);
	}

	@Test
	void pastDueWhenGracePeriodPassesThenUnpaidAndLaterInvoicesStayDrafts() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30).plus(SandboxFixture.GRACE).minusSeconds(1));
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		this.gateway.advanceClock(Duration.ofSeconds(1));
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.UNPAID);
		this.gateway.advanceClock(Duration.ofDays(31));
		Subscription unpaid = this.sandbox.subscription(subscription.id());
		assertThat(unpaid.status()).isEqualTo(SubscriptionStatus.UNPAID);
		Invoice draft = this.sandbox.invoice(unpaid.latestInvoiceId());
		assertThat(draft.status()).isEqualTo(InvoiceStatus.DRAFT);
		assertThat(draft.number()).isNull();
		assertThat(draft.amountPaid()).isZero();
	}

	@Test
	void payInvoiceWhenPastDueAndNewCardGoodThenActiveAgain() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30));
		String openId = this.sandbox.subscription(subscription.id()).latestInvoiceId();
		PaymentMethod mastercard = this.gateway.attachCard(subscription.customerId(), SandboxFixture.MASTERCARD, 1,
				2031, this.sandbox.key());
		Invoice paid = this.gateway.payInvoice(openId, mastercard.id(), this.sandbox.key());
		assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(paid.amountPaid()).isEqualTo(2900);
		assertThat(paid.paidAt()).isEqualTo(MAY_1);
		Subscription active = this.sandbox.subscription(subscription.id());
		assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void payInvoiceWhenUnpaidThenActiveAndDraftsVoided() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30));
		String openId = this.sandbox.subscription(subscription.id()).latestInvoiceId();
		this.gateway.advanceClock(Duration.ofDays(31));
		String draftId = this.sandbox.subscription(subscription.id()).latestInvoiceId();
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.UNPAID);
		PaymentMethod visa = this.gateway.attachCard(subscription.customerId(), VISA, 1, 2031, this.sandbox.key());
		this.gateway.payInvoice(openId, visa.id(), this.sandbox.key());
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(this.sandbox.invoice(draftId).status()).isEqualTo(InvoiceStatus.VOID);
	}

	@Test
	void payInvoiceWhenCardStillFailsThenPaymentFailedAndStaysOnHold() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30));
		String openId = this.sandbox.subscription(subscription.id()).latestInvoiceId();
		long before = this.gateway.mutationCount();
		PortalException ex = failure(PortalErrorCode.PAYMENT_FAILED,
				() -> this.gateway.payInvoice(openId, null, this.sandbox.key()));
		assertThat(ex.getMessage()).isEqualTo("Your card was declined.");
		assertThat(this.sandbox.invoice(openId).status()).isEqualTo(InvoiceStatus.OPEN);
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		assertThat(this.gateway.mutationCount()).isEqualTo(before);
	}

	@Test
	void pastDueWhenNextRenewalIsPaidButEarlierInvoiceOpenThenStaysPastDueUntilThatIsPaid() {
		SandboxFixture longGrace = new SandboxFixture(SandboxFixture.APRIL_1, "[]", Duration.ofDays(45));
		Subscription subscription = longGrace.subscribe("price_pro_monthly", VISA);
		String visa = subscription.defaultPaymentMethodId();
		longGrace.switchToFailingCard(subscription);
		longGrace.gateway.advanceClock(Duration.ofDays(30));
		String mayInvoice = longGrace.subscription(subscription.id()).latestInvoiceId();
		longGrace.gateway.setDefaultPaymentMethod(subscription.customerId(), visa, longGrace.key());
		longGrace.gateway.advanceClock(Duration.ofDays(31));
		Subscription june = longGrace.subscription(subscription.id());
		assertThat(june.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		assertThat(longGrace.invoice(june.latestInvoiceId()).status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(longGrace.invoice(mayInvoice).status()).isEqualTo(InvoiceStatus.OPEN);
		longGrace.gateway.payInvoice(mayInvoice, null, longGrace.key());
		assertThat(longGrace.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void trialWhenItEndsWithGoodCardThenActiveAndCharged() {
		SandboxFixture trial = new SandboxFixture("""
				[{"id": "cus_trial", "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}],
				  "subscriptions": [{"id": "sub_trial", "priceId": "price_pro_monthly", "startedDaysAgo": 7, "trialDaysLeft": 7}]}]""");
		Subscription trialing = trial.subscription("sub_trial");
		assertThat(trialing.status()).isEqualTo(SubscriptionStatus.TRIALING);
		Instant trialEnd = SandboxFixture.APRIL_1.plus(Duration.ofDays(7));
		assertThat(trialing.trialEnd()).isEqualTo(trialEnd);
		assertThat(trialing.currentPeriodEnd()).isEqualTo(trialEnd);
		trial.gateway.advanceClock(Duration.ofDays(7));
		Subscription active = trial.subscription("sub_trial");
		assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(active.currentPeriodStart()).isEqualTo(trialEnd);
		assertThat(active.currentPeriodEnd()).isEqualTo(Instant.parse("2026-05-08T00:00:00Z"));
		Invoice first = trial.invoice(active.latestInvoiceId());
		assertThat(first.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(first.total()).isEqualTo(2900);
	}

	@Test
	void trialWhenItEndsWithoutCardThenPastDue() {
		SandboxFixture trial = new SandboxFixture("""
				[{"id": "cus_trial", "subscriptions": [{"id": "sub_trial", "priceId": "price_pro_monthly", "trialDaysLeft": 3}]}]""");
		trial.gateway.advanceClock(Duration.ofDays(3));
		Subscription pastDue = trial.subscription("sub_trial");
		assertThat(pastDue.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		assertThat(trial.invoice(pastDue.latestInvoiceId()).status()).isEqualTo(InvoiceStatus.OPEN);
	}

	@Test
	void trialWhenPausedAndResumedBeforeItEndsThenTrialingAgain() {
		SandboxFixture trial = new SandboxFixture("""
				[{"id": "cus_trial", "subscriptions": [{"id": "sub_trial", "priceId": "price_pro_monthly", "trialDaysLeft": 10}]}]""");
		trial.gateway.pause("sub_trial", null, trial.key());
		trial.gateway.advanceClock(Duration.ofDays(2));
		Subscription resumed = trial.gateway.resume("sub_trial", trial.key());
		assertThat(resumed.status()).isEqualTo(SubscriptionStatus.TRIALING);
	}

	@Test
	void renewalWhenCardExpiredThenPastDue() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		PaymentMethod expiring = this.gateway.attachCard(subscription.customerId(), VISA, 4, 2026, this.sandbox.key());
		this.gateway.setDefaultPaymentMethod(subscription.customerId(), expiring.id(), this.sandbox.key());
		this.gateway.advanceClock(Duration.ofDays(30));
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.PAST_DUE);
	}

	private static String prefix(List<Invoice> invoices) {
		return invoices.get(0).number().substring(0, 8);
	}

}
