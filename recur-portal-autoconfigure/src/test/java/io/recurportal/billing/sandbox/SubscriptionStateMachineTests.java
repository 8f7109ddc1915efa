package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.time.Instant;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.APRIL_1;
import static io.recurportal.billing.sandbox.SandboxFixture.APRIL_16;
import static io.recurportal.billing.sandbox.SandboxFixture.MAY_1;
import static io.recurportal.billing.sandbox.SandboxFixture.VISA;
import static io.recurportal.billing.sandbox.SandboxFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What customers do to subscriptions: cancel, reactivate, pause and resume.
 */
class SubscriptionStateMachineTests {

	private final SandboxFixture sandbox = new SandboxFixture();

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	@Test
	void checkoutWhenCardGoodThenActiveForOneMonthWithFirstInvoicePaid() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(subscription.currentPeriodStart()).isEqualTo(APRIL_1);
		assertThat(subscription.currentPeriodEnd()).isEqualTo(MAY_1);
		assertThat(subscription.created()).isEqualTo(APRIL_1);
		assertThat(subscription.defaultPaymentMethodId()).startsWith("pm_");
		assertThat(this.sandbox.latestInvoice(subscription.id())).satisfies((invoice) -> {
			assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
			assertThat(invoice.total()).isEqualTo(2900);
			assertThat(invoice.amountPaid()).isEqualTo(2900);
			assertThat(invoice.lines()).singleElement()
				.satisfies((line) -> assertThat(line.description()).isEqualTo("1 × Pro (at $29.00 / month)"));
		});
	}

	@Test
	void cancelImmediatelyWhenActiveThenCanceledNowWithReason() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.advanceClock(Duration.ofDays(3));
		CancellationReason reason = new CancellationReason("too_expensive", "Cheaper elsewhere");
		Subscription canceled = this.gateway.cancel(subscription.id(), CancelTiming.IMMEDIATELY, reason,
				this.sandbox.key());
		Instant now = APRIL_1.plus(Duration.ofDays(3));
		assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
		assertThat(canceled.endedAt()).isEqualTo(now);
		assertThat(canceled.canceledAt()).isEqualTo(now);
		assertThat(canceled.cancelAtPeriodEnd()).isFalse();
		assertThat(canceled.cancellationReason()).isEqualTo(reason);
		assertThat(this.sandbox.subscription(subscription.id())).isEqualTo(canceled);
	}

	@Test
	void cancelAtPeriodEndWhenActiveThenStaysActiveUntilPeriodEnd() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		Subscription canceling = this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END,
				CancellationReason.NONE, this.sandbox.key());
		assertThat(canceling.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(canceling.cancelAtPeriodEnd()).isTrue();
		assertThat(canceling.canceledAt()).isEqualTo(APRIL_1);
		assertThat(canceling.endedAt()).isNull();
		assertThat(canceling.cancellationReason()).isNull();
		this.gateway.advanceClock(Duration.ofDays(29));
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
		this.gateway.advanceClock(Duration.ofDays(1));
		Subscription ended = this.sandbox.subscription(subscription.id());
		assertThat(ended.status()).isEqualTo(SubscriptionStatus.CANCELED);
		assertThat(ended.endedAt()).isEqualTo(MAY_1);
		assertThat(this.gateway.listInvoices(subscription.customerId(), 10)).hasSize(1);
	}

	@Test
	void reactivateWhenCancelingAtPeriodEndThenRenewsAsUsual() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, new CancellationReason("unused", null),
				this.sandbox.key());
		Subscription reactivated = this.gateway.reactivate(subscription.id(), this.sandbox.key());
		assertThat(reactivated.cancelAtPeriodEnd()).isFalse();
		assertThat(reactivated.canceledAt()).isNull();
		assertThat(reactivated.cancellationReason()).isNull();
		this.gateway.advanceClock(Duration.ofDays(30));
		Subscription renewed = this.sandbox.subscription(subscription.id());
		assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(renewed.currentPeriodStart()).isEqualTo(MAY_1);
		assertThat(this.gateway.listInvoices(subscription.customerId(), 10)).hasSize(2);
	}

	@Test
	void reactivateWhenNotCancelingThenInvalidState() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
				() -> this.gateway.reactivate(subscription.id(), this.sandbox.key()));
	}

	@Test
	void reactivateWhenEndedAtPeriodEndThenInvalidState() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, CancellationReason.NONE, this.sandbox.key());
		this.gateway.advanceClock(Duration.ofDays(30));
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
				() -> this.gateway.reactivate(subscription.id(), this.sandbox.key()));
	}

	@Test
	void everyActionWhenCanceledThenInvalidState() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.cancel(subscription.id(), CancelTiming.IMMEDIATELY, CancellationReason.NONE, this.sandbox.key());
		String id = subscription.id();
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
				() -> this.gateway.cancel(id, CancelTiming.IMMEDIATELY, CancellationReason.NONE, this.sandbox.key()));
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
				() -> this.gateway.cancel(id, CancelTiming.PERIOD_END, CancellationReason.NONE, this.sandbox.key()));
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE, () -> this.gateway.reactivate(id, this.sandbox.key()));
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE, () -> this.gateway.pause(id, null, this.sandbox.key()));
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE, () -> this.gateway.resume(id, this.sandbox.key()));
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE, () -> this.gateway.changePrice(id,
				"price_business_monthly", ProrationBehavior.CREATE_PRORATIONS, this.sandbox.key()));
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
				() -> this.gateway.previewPriceChange(id, "price_business_monthly", ProrationBehavior.NONE));
	}

	@Test
	void pauseWhenActiveThenPeriodsRollWithoutInvoicesUntilResumed() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		Subscription paused = this.gateway.pause(subscription.id(), null, this.sandbox.key());
		assertThat(paused.status()).isEqualTo(SubscriptionStatus.PAUSED);
		assertThat(paused.resumesAt()).isNull();
		this.gateway.advanceClock(Duration.ofDays(65));
		Subscription stillPaused = this.sandbox.subscription(subscription.id());
		assertThat(stillPaused.status()).isEqualTo(SubscriptionStatus.PAUSED);
		assertThat(stillPaused.currentPeriodStart()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
		assertThat(stillPaused.currentPeriodEnd()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
		assertThat(this.gateway.listInvoices(subscription.customerId(), 10)).hasSize(1);
		Subscription resumed = this.gateway.resume(subscription.id(), this.sandbox.key());
		assertThat(resumed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(this.gateway.listInvoices(subscription.customerId(), 10)).hasSize(1);
		this.gateway.advanceClock(Duration.ofDays(30));
		assertThat(this.gateway.listInvoices(subscription.customerId(), 10)).hasSize(2)
			.first()
			.satisfies((invoice) -> {
				assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
				assertThat(invoice.periodStart()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
			});
	}

	@Test
	void pauseWithResumeDateThenResumesByItselfAndIsChargedAtNextPeriodEnd() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		Subscription paused = this.gateway.pause(subscription.id(), APRIL_16, this.sandbox.key());
		assertThat(paused.resumesAt()).isEqualTo(APRIL_16);
		this.gateway.advanceClock(Duration.ofDays(15));
		Subscription resumed = this.sandbox.subscription(subscription.id());
		assertThat(resumed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(resumed.resumesAt()).isNull();
		this.gateway.advanceClock(Duration.ofDays(15));
		assertThat(this.sandbox.latestInvoice(subscription.id()).periodStart()).isEqualTo(MAY_1);
	}

	@Test
	void pauseWhenResumeDateNotInFutureThenInvalidRequest() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		failure(PortalErrorCode.INVALID_REQUEST,
				() -> this.gateway.pause(subscription.id(), APRIL_1, this.sandbox.key()));
		assertThat(this.sandbox.subscription(subscription.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void pauseWhenPausedThenInvalidState() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.pause(subscription.id(), null, this.sandbox.key());
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
				() -> this.gateway.pause(subscription.id(), null, this.sandbox.key()));
	}

	@Test
	void resumeWhenActiveThenInvalidState() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
				() -> this.gateway.resume(subscription.id(), this.sandbox.key()));
	}

	@Test
	void changePriceWhenPausedThenInvalidState() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.pause(subscription.id(), null, this.sandbox.key());
		failure(PortalErrorCode.INVALID_SUBSCRIPTION_STATE, () -> this.gateway.changePrice(subscription.id(),
				"price_business_monthly", ProrationBehavior.CREATE_PRORATIONS, this.sandbox.key()));
	}

	@Test
	void cancelAtPeriodEndWhenPausedThenEndsAtPeriodEnd() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.pause(subscription.id(), null, this.sandbox.key());
		this.gateway.cancel(subscription.id(), CancelTiming.PERIOD_END, CancellationReason.NONE, this.sandbox.key());
		this.gateway.advanceClock(Duration.ofDays(30));
		Subscription ended = this.sandbox.subscription(subscription.id());
		assertThat(ended.status()).isEqualTo(SubscriptionStatus.CANCELED);
		assertThat(ended.endedAt()).isEqualTo(MAY_1);
	}

	@Test
	void mutationsWhenSubscriptionUnknownThenSubscriptionNotFound() {
		failure(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, () -> this.gateway.cancel("sub_missing",
				CancelTiming.IMMEDIATELY, CancellationReason.NONE, this.sandbox.key()));
		failure(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
				() -> this.gateway.reactivate("sub_missing", this.sandbox.key()));
		failure(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
				() -> this.gateway.pause("sub_missing", null, this.sandbox.key()));
		failure(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, () -> this.gateway.resume("sub_missing", this.sandbox.key()));
		failure(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, () -> this.gateway.changePrice("sub_missing",
				"price_pro_monthly", ProrationBehavior.NONE, this.sandbox.key()));
		failure(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
				() -> this.gateway.previewPriceChange("sub_missing", "price_pro_monthly", ProrationBehavior.NONE));
		assertThat(this.gateway.findSubscription("sub_missing")).isEmpty();
		assertThat(this.gateway.listSubscriptions("cus_missing")).isEmpty();
		assertThat(this.gateway.mutationCount()).isZero();
	}

	@Test
	void listSubscriptionsThenNewestFirstInEveryStatus() {
		Subscription first = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.cancel(first.id(), CancelTiming.IMMEDIATELY, CancellationReason.NONE, this.sandbox.key());
		this.gateway.advanceClock(Duration.ofDays(1));
		Subscription second = this.sandbox.subscribe(first.customerId(), "price_business_monthly", VISA);
		assertThat(this.gateway.listSubscriptions(first.customerId())).extracting(Subscription::id)
			.containsExactly(second.id(), first.id());
	}

}
