package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.ProrationPreview;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.APRIL_16;
import static io.recurportal.billing.sandbox.SandboxFixture.MAY_1;
import static io.recurportal.billing.sandbox.SandboxFixture.VISA;
import static io.recurportal.billing.sandbox.SandboxFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan changes with Stripe's proration, worked by hand: Pro monthly is 2900, Business
 * monthly 4900; a subscription started 1 April (a 30-day month) is changed on 16 April,
 * exactly halfway, so unused time on Pro is 1450 and remaining time on Business 2450.
 */
class PriceChangeTests {

	private static final Instant JUNE_1 = Instant.parse("2026-06-01T00:00:00Z");

	private final SandboxFixture sandbox = new SandboxFixture();

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	@Test
	void previewWhenUpgradingHalfwayWithCreateProrationsThenCreditAndChargeOnNextInvoice() {
		Subscription subscription = subscribedHalfwayThroughApril("price_pro_monthly");
		ProrationPreview preview = this.gateway.previewPriceChange(subscription.id(), "price_business_monthly",
				ProrationBehavior.CREATE_PRORATIONS);
		assertThat(preview.prorationAmount()).isEqualTo(-1450 + 2450);
		assertThat(preview.nextInvoiceTotal()).isEqualTo(4900 + 1000);
		assertThat(preview.nextInvoiceAt()).isEqualTo(MAY_1);
		assertThat(preview.currency()).isEqualTo("usd");
		assertThat(preview.newPrice().id()).isEqualTo("price_business_monthly");
		assertThat(preview.lines()).containsExactly(
				new InvoiceLine("Unused time on Pro monthly after 16 Apr 2026", -1450, 1, "price_pro_monthly", true,
						APRIL_16, MAY_1),
				new InvoiceLine("Remaining time on Business monthly after 16 Apr 2026", 2450, 1,
						"price_business_monthly", true, APRIL_16, MAY_1),
				new InvoiceLine("1 × Business (at $49.00 / month)", 4900, 1, "price_business_monthly", false, MAY_1,
						JUNE_1));
	}

	@Test
	void changePriceWithCreateProrationsThenNextRenewalInvoiceEqualsPreview() {
		Subscription subscription = subscribedHalfwayThroughApril("price_pro_monthly");
		ProrationPreview preview = this.gateway.previewPriceChange(subscription.id(), "price_business_monthly",
				ProrationBehavior.CREATE_PRORATIONS);
		Subscription changed = this.gateway.changePrice(subscription.id(), "price_business_monthly",
				ProrationBehavior.CREATE_PRORATIONS, this.sandbox.key());
		assertThat(changed.price().id()).isEqualTo("price_business_monthly");
		assertThat(changed.currentPeriodEnd()).isEqualTo(MAY_1);
		assertThat(changed.latestInvoiceId()).isEqualTo(subscription.latestInvoiceId());
		this.gateway.advanceClock(Duration.ofDays(15));
		Invoice renewal = this.sandbox.latestInvoice(subscription.id());
		assertThat(renewal.created()).isEqualTo(preview.nextInvoiceAt());
		assertThat(renewal.lines()).isEqualTo(preview.lines());
		assertThat(renewal.total()).isEqualTo(preview.nextInvoiceTotal());
		assertThat(renewal.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(renewal.amountPaid()).isEqualTo(5900);
	}

	@Test
	void changePriceWithAlwaysInvoiceThenProrationsInvoicedAndChargedNowAsPreviewed() {
		Subscription subscription = subscribedHalfwayThroughApril("price_pro_monthly");
		ProrationPreview preview = this.gateway.previewPriceChange(subscription.id(), "price_business_monthly",
				ProrationBehavior.ALWAYS_INVOICE);
		assertThat(preview.prorationAmount()).isEqualTo(1000);
		assertThat(preview.nextInvoiceTotal()).isEqualTo(1000);
		assertThat(preview.nextInvoiceAt()).isEqualTo(APRIL_16);
		assertThat(preview.lines()).extracting(InvoiceLine::amount).containsExactly(-1450L, 2450L);
		assertThat(preview.lines()).allMatch(InvoiceLine::proration);
		Subscription changed = this.gateway.changePrice(subscription.id(), "price_business_monthly",
				ProrationBehavior.ALWAYS_INVOICE, this.sandbox.key());
		Invoice invoice = this.sandbox.invoice(changed.latestInvoiceId());
		assertThat(invoice.id()).isNotEqualTo(subscription.latestInvoiceId());
		assertThat(invoice.created()).isEqualTo(APRIL_16);
		assertThat(invoice.lines()).isEqualTo(preview.lines());
		assertThat(invoice.total()).isEqualTo(1000);
		assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(invoice.amountPaid()).isEqualTo(1000);
		assertThat(changed.currentPeriodStart()).isEqualTo(SandboxFixture.APRIL_1);
		assertThat(changed.currentPeriodEnd()).isEqualTo(MAY_1);
		this.gateway.advanceClock(Duration.ofDays(15));
		assertThat(this.sandbox.latestInvoice(subscription.id()).total()).isEqualTo(4900);
	}

	@Test
	void changePriceWithAlwaysInvoiceWhenChargeFailsThenNothingChangesAndPaymentFailed() {
		Subscription subscription = subscribedHalfwayThroughApril("price_pro_monthly");
		this.sandbox.switchToFailingCard(subscription);
		Subscription before = this.sandbox.subscription(subscription.id());
		List<Invoice> invoicesBefore = this.gateway.listInvoices(subscription.customerId(), 10);
		long mutationsBefore = this.gateway.mutationCount();
		failure(PortalErrorCode.PAYMENT_FAILED, () -> this.gateway.changePrice(subscription.id(),
				"price_business_monthly", ProrationBehavior.ALWAYS_INVOICE, this.sandbox.key()));
		assertThat(this.sandbox.subscription(subscription.id())).isEqualTo(before);
		assertThat(this.gateway.listInvoices(subscription.customerId(), 10)).isEqualTo(invoicesBefore);
		assertThat(this.gateway.mutationCount()).isEqualTo(mutationsBefore);
		Invoice nextRenewal = renewAtMay1(subscription);
		assertThat(nextRenewal.lines()).extracting(InvoiceLine::priceId).containsExactly("price_pro_monthly");
		assertThat(nextRenewal.number()).endsWith("-0002");
	}

	@Test
	void changePriceWithNoneThenNoProrationAndNewPriceFromNextPeriod() {
		Subscription subscription = subscribedHalfwayThroughApril("price_pro_monthly");
		ProrationPreview preview = this.gateway.previewPriceChange(subscription.id(), "price_business_monthly",
				ProrationBehavior.NONE);
		assertThat(preview.prorationAmount()).isZero();
		assertThat(preview.nextInvoiceTotal()).isEqualTo(4900);
		assertThat(preview.nextInvoiceAt()).isEqualTo(MAY_1);
		this.gateway.changePrice(subscription.id(), "price_business_monthly", ProrationBehavior.NONE,
				this.sandbox.key());
		Invoice renewal = renewAtMay1(subscription);
		assertThat(renewal.lines()).isEqualTo(preview.lines());
		assertThat(renewal.lines()).noneMatch(InvoiceLine::proration);
	}

	@Test
	void changePriceWhenIntervalChangesThenPeriodRestartsNowAndIsInvoicedWithCredit() {
		Subscription subscription = subscribedHalfwayThroughApril("price_pro_monthly");
		Instant aprilNextYear = Instant.parse("2027-04-16T00:00:00Z");
		ProrationPreview preview = this.gateway.previewPriceChange(subscription.id(), "price_pro_yearly",
				ProrationBehavior.CREATE_PRORATIONS);
		assertThat(preview.prorationAmount()).isEqualTo(-1450);
		assertThat(preview.nextInvoiceTotal()).isEqualTo(29000 - 1450);
		assertThat(preview.nextInvoiceAt()).isEqualTo(APRIL_16);
		assertThat(preview.lines()).containsExactly(
				new InvoiceLine("Unused time on Pro monthly after 16 Apr 2026", -1450, 1, "price_pro_monthly", true,
						APRIL_16, MAY_1),
				new InvoiceLine("1 × Pro (at $290.00 / year)", 29000, 1, "price_pro_yearly", false, APRIL_16,
						aprilNextYear));
		Subscription changed = this.gateway.changePrice(subscription.id(), "price_pro_yearly",
				ProrationBehavior.CREATE_PRORATIONS, this.sandbox.key());
		assertThat(changed.currentPeriodStart()).isEqualTo(APRIL_16);
		assertThat(changed.currentPeriodEnd()).isEqualTo(aprilNextYear);
		Invoice invoice = this.sandbox.invoice(changed.latestInvoiceId());
		assertThat(invoice.lines()).isEqualTo(preview.lines());
		assertThat(invoice.total()).isEqualTo(27550);
		assertThat(invoice.amountPaid()).isEqualTo(27550);
		assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(invoice.periodEnd()).isEqualTo(aprilNextYear);
	}

	@Test
	void changePriceWhenIntervalChangesWithNoneThenFullNewPriceWithoutCredit() {
		Subscription subscription = subscribedHalfwayThroughApril("price_pro_monthly");
		ProrationPreview preview = this.gateway.previewPriceChange(subscription.id(), "price_pro_yearly",
				ProrationBehavior.NONE);
		assertThat(preview.prorationAmount()).isZero();
		assertThat(preview.nextInvoiceTotal()).isEqualTo(29000);
		Subscription changed = this.gateway.changePrice(subscription.id(), "price_pro_yearly",
				ProrationBehavior.NONE, this.sandbox.key());
		assertThat(this.sandbox.invoice(changed.latestInvoiceId()).lines()).isEqualTo(preview.lines());
	}

	@Test
	void changePriceWhenDowngradingWithAlwaysInvoiceThenCreditBalanceUsedByNextInvoice() {
		Subscription subscription = subscribedHalfwayThroughApril("price_business_monthly");
		Subscription changed = this.gateway.changePrice(subscription.id(), "price_pro_monthly",
				ProrationBehavior.ALWAYS_INVOICE, this.sandbox.key());
		Invoice creditNote = this.sandbox.invoice(changed.latestInvoiceId());
		assertThat(creditNote.total()).isEqualTo(-2450 + 1450);
		assertThat(creditNote.amountDue()).isZero();
		assertThat(creditNote.status()).isEqualTo(InvoiceStatus.PAID);
		Customer customer = this.gateway.findCustomer(subscription.customerId()).orElseThrow();
		assertThat(customer.creditBalance()).isEqualTo(1000);
		Invoice renewal = renewAtMay1(subscription);
		assertThat(renewal.total()).isEqualTo(2900);
		assertThat(renewal.amountDue()).isEqualTo(1900);
		assertThat(renewal.amountPaid()).isEqualTo(1900);
		assertThat(this.gateway.findCustomer(subscription.customerId()).orElseThrow().creditBalance()).isZero();
	}

	@Test
	void changePriceWhenCreditCoversLaterInvoicesThenTheyArePaidWithoutCharging() {
		Subscription subscription = subscribedHalfwayThroughApril("price_business_yearly");
		// Yearly to monthly restarts the period on 16 April: 350 of 365 days unused on
		// 49000 is a credit of round(46986.3) = 46986, less 2900 for the first month.
		Subscription changed = this.gateway.changePrice(subscription.id(), "price_pro_monthly",
				ProrationBehavior.CREATE_PRORATIONS, this.sandbox.key());
		Invoice invoice = this.sandbox.invoice(changed.latestInvoiceId());
		assertThat(invoice.total()).isEqualTo(-46986 + 2900);
		assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(this.gateway.findCustomer(subscription.customerId()).orElseThrow().creditBalance())
			.isEqualTo(44086);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30));
		Invoice renewal = this.sandbox.latestInvoice(subscription.id());
		assertThat(renewal.created()).isEqualTo(Instant.parse("2026-05-16T00:00:00Z"));
		assertThat(renewal.total()).isEqualTo(2900);
		assertThat(renewal.amountDue()).isZero();
		assertThat(renewal.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(this.gateway.findCustomer(subscription.customerId()).orElseThrow().creditBalance())
			.isEqualTo(44086 - 2900);
	}

	@Test
	void changePriceWhenTrialingThenNoProrationAndTrialKept() {
		SandboxFixture trial = new SandboxFixture("""
				[{"id": "cus_trial", "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}],
				  "subscriptions": [{"id": "sub_trial", "priceId": "price_pro_monthly", "trialDaysLeft": 10}]}]""");
		Instant trialEnd = SandboxFixture.APRIL_1.plus(Duration.ofDays(10));
		ProrationPreview preview = trial.gateway.previewPriceChange("sub_trial", "price_business_yearly",
				ProrationBehavior.ALWAYS_INVOICE);
		assertThat(preview.prorationAmount()).isZero();
		assertThat(preview.nextInvoiceAt()).isEqualTo(trialEnd);
		assertThat(preview.nextInvoiceTotal()).isEqualTo(49000);
		Subscription changed = trial.gateway.changePrice("sub_trial", "price_business_yearly",
				ProrationBehavior.ALWAYS_INVOICE, trial.key());
		assertThat(changed.status()).isEqualTo(SubscriptionStatus.TRIALING);
		assertThat(changed.currentPeriodEnd()).isEqualTo(trialEnd);
		trial.gateway.advanceClock(Duration.ofDays(10));
		Invoice first = trial.latestInvoice("sub_trial");
		assertThat(first.lines()).isEqualTo(preview.lines());
		assertThat(trial.subscription("sub_trial").currentPeriodEnd()).isEqualTo(Instant.parse("2027-04-11T00:00:00Z"));
	}

	@Test
	void changePriceWithQuantityThenProrationsScaleWithIt() {
		SandboxFixture seats = new SandboxFixture("""
				[{"id": "cus_team", "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}],
				  "subscriptions": [{"id": "sub_team", "priceId": "price_pro_monthly", "quantity": 3}]}]""");
		seats.gateway.advanceClock(Duration.ofDays(15));
		ProrationPreview preview = seats.gateway.previewPriceChange("sub_team", "price_business_monthly",
				ProrationBehavior.CREATE_PRORATIONS);
		assertThat(preview.lines()).extracting(InvoiceLine::amount).containsExactly(-4350L, 7350L, 14700L);
		assertThat(preview.lines().get(0).description()).isEqualTo("Unused time on 3 × Pro monthly after 16 Apr 2026");
	}

	@Test
	void changePriceWhenPriceUnavailableOrSameThenPriceNotAvailable() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		for (String priceId : List.of("price_missing", "price_legacy", "price_pro_monthly", "price_euro_monthly")) {
			failure(PortalErrorCode.PRICE_NOT_AVAILABLE, () -> this.gateway.changePrice(subscription.id(), priceId,
					ProrationBehavior.CREATE_PRORATIONS, this.sandbox.key()));
			failure(PortalErrorCode.PRICE_NOT_AVAILABLE,
					() -> this.gateway.previewPriceChange(subscription.id(), priceId, ProrationBehavior.NONE));
		}
	}

	@Test
	void changePriceWhenOnHoldThenInvalidState() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30));
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE, () -> this.gateway.changePrice(subscription.id(),
				"price_business_monthly", ProrationBehavior.CREATE_PRORATIONS, this.sandbox.key()));
	}

	@Test
	void previewThenChangesNothing() {
		Subscription subscription = subscribedHalfwayThroughApril("price_pro_monthly");
		Subscription before = this.sandbox.subscription(subscription.id());
		this.gateway.previewPriceChange(subscription.id(), "price_pro_yearly", ProrationBehavior.ALWAYS_INVOICE);
		assertThat(this.sandbox.subscription(subscription.id())).isEqualTo(before);
		assertThat(this.gateway.listInvoices(subscription.customerId(), 10)).hasSize(1);
	}

	private Subscription subscribedHalfwayThroughApril(String priceId) {
		Subscription subscription = this.sandbox.subscribe(priceId, VISA);
		this.gateway.advanceClock(Duration.ofDays(15));
		assertThat(this.sandbox.clock.instant()).isEqualTo(APRIL_16);
		return subscription;
	}

	private Invoice renewAtMay1(Subscription subscription) {
		this.gateway.advanceClock(Duration.between(this.sandbox.clock.instant(), MAY_1));
		Invoice renewal = this.sandbox.latestInvoice(subscription.id());
		assertThat(renewal.created()).isEqualTo(MAY_1);
		return renewal;
	}

}
