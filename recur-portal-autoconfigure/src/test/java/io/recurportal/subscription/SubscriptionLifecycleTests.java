package io.recurportal.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.recurportal.customer.BillingAccountCustomerResolver;
import io.recurportal.testsupport.TestSnapshots;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.access.PortalCaller;
import io.recurportal.account.AccountContext;
import io.recurportal.audit.AuditEntry;
import io.recurportal.audit.AuditedActions;
import io.recurportal.audit.InMemoryAuditTrail;
import io.recurportal.billing.BillingInterval;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.testsupport.MutableClock;
import io.recurportal.testsupport.TestSandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SubscriptionLifecycleTests {

	private final SandboxBillingGateway gateway = TestSandbox.create();

	private final InMemoryAuditTrail trail = new InMemoryAuditTrail(100);

	private final AccountSnapshots snapshots = TestSnapshots.inMemory();

	private final AccountSubscriptions subscriptions = new AccountSubscriptions(this.gateway,
			new InMemorySubscriptionMirror(), new BillingAccountCustomerResolver(this.gateway, this.snapshots),
			this.snapshots, Clock.systemUTC());

	private final SubscriptionLifecycle lifecycle = new SubscriptionLifecycle(this.gateway, this.subscriptions,
			new AuditedActions(this.trail, PortalMetrics.none(), Clock.systemUTC(),
					(accountId, action, result) -> this.snapshots.forget(accountId)));

	private final PortalConfiguration full = new PortalConfigurations(List.of()).get("full");

	@Test
	void cancelRetriedWithSameClientKeyChangesProviderOnce() {
		PortalCaller owner = owner("acct_lifecycle", this.full);
		long before = this.gateway.mutationCount();
		Subscription first = this.lifecycle.cancel(owner, "sub_lifecycle", CancelTiming.PERIOD_END,
				CancellationReason.NONE, "client-key-1");
		Subscription second = this.lifecycle.cancel(owner, "sub_lifecycle", CancelTiming.PERIOD_END,
				CancellationReason.NONE, "client-key-1");
		assertThat(this.gateway.mutationCount() - before).isEqualTo(1);
		assertThat(second).isEqualTo(first);
		assertThat(second.cancelAtPeriodEnd()).isTrue();
	}

	@Test
	void changeRetriedWithSameClientKeyChangesProviderOnce() {
		PortalCaller owner = owner("acct_change", this.full);
		long before = this.gateway.mutationCount();
		PlanChangeTarget pro = new PlanChangeTarget("price_pro_monthly", null);
		this.lifecycle.change(owner, "sub_change", pro, "retry-me");
		Subscription again = this.lifecycle.change(owner, "sub_change", pro, "retry-me");
		assertThat(this.gateway.mutationCount() - before).isEqualTo(1);
		assertThat(again.price().id()).isEqualTo("price_pro_monthly");
	}

	@Test
	void cancelReactivateCancelWithoutClientKeyIsThreeChanges() {
		PortalCaller owner = owner("acct_lifecycle", this.full);
		long before = this.gateway.mutationCount();
		this.lifecycle.cancel(owner, "sub_lifecycle", null, CancellationReason.NONE, null);
		this.lifecycle.reactivate(owner, "sub_lifecycle", null);
		Subscription canceled = this.lifecycle.cancel(owner, "sub_lifecycle", null, CancellationReason.NONE, null);
		assertThat(this.gateway.mutationCount() - before).isEqualTo(3);
		assertThat(canceled.cancelAtPeriodEnd()).isTrue();
	}

	@Test
	void cancelImmediatelyWhenConfigurationCancelsAtPeriodEndIsRefused() {
		assertError(PortalErrorCode.CANCEL_TIMING_NOT_ALLOWED, () -> this.lifecycle.cancel(
				owner("acct_lifecycle", this.full), "sub_lifecycle", CancelTiming.IMMEDIATELY, CancellationReason.NONE,
				null));
		assertThat(this.gateway.findSubscription("sub_lifecycle").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void cancelImmediatelyWhenConfigurationAllowsItEndsNow() {
		PortalConfiguration immediate = withCancellation(new PortalConfiguration.Cancellation(CancelTiming.IMMEDIATELY,
				List.of("too_expensive")));
		Subscription canceled = this.lifecycle.cancel(owner("acct_lifecycle", immediate), "sub_lifecycle",
				CancelTiming.IMMEDIATELY, new CancellationReason("too_expensive", "Too pricey"), null);
		assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
		assertThat(canceled.cancellationReason()).isEqualTo(new CancellationReason("too_expensive", "Too pricey"));
	}

	@Test
	void timingChoiceAllowsBothTimings() {
		PortalConfiguration choice = withCancellation(
				new PortalConfiguration.Cancellation(CancelTiming.PERIOD_END, List.of(), true));
		Subscription atPeriodEnd = this.lifecycle.cancel(owner("acct_lifecycle", choice), "sub_lifecycle", null,
				CancellationReason.NONE, null);
		assertThat(atPeriodEnd.cancelAtPeriodEnd()).isTrue();
		assertThat(atPeriodEnd.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		Subscription now = this.lifecycle.cancel(owner("acct_pause", choice), "sub_pause", CancelTiming.IMMEDIATELY,
				CancellationReason.NONE, null);
		assertThat(now.status()).isEqualTo(SubscriptionStatus.CANCELED);
	}

	@Test
	void periodEndIsAllowedEvenWhereTheModeIsImmediate() {
		PortalConfiguration immediate = withCancellation(
				new PortalConfiguration.Cancellation(CancelTiming.IMMEDIATELY, List.of()));
		assertThat(immediate.cancellation().allows(CancelTiming.PERIOD_END)).isTrue();
		Subscription canceled = this.lifecycle.cancel(owner("acct_lifecycle", immediate), "sub_lifecycle",
				CancelTiming.PERIOD_END, CancellationReason.NONE, null);
		assertThat(canceled.cancelAtPeriodEnd()).isTrue();
	}

	@Test
	void cancelWithReasonNotOfferedIsRefused() {
		PortalConfiguration immediate = withCancellation(new PortalConfiguration.Cancellation(CancelTiming.PERIOD_END,
				List.of("too_expensive")));
		assertError(PortalErrorCode.INVALID_REQUEST, () -> this.lifecycle.cancel(owner("acct_lifecycle", immediate),
				"sub_lifecycle", null, new CancellationReason("unused", null), null));
	}

	@Test
	void everyActionIsAuditedWithItsResult() {
		PortalCaller owner = owner("acct_lifecycle", this.full);
		this.lifecycle.cancel(owner, "sub_lifecycle", null, CancellationReason.NONE, null);
		assertError(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
				() -> this.lifecycle.resume(owner, "sub_lifecycle", null));
		assertThat(this.trail.findByAccount("acct_lifecycle", 10)).extracting(AuditEntry::action, AuditEntry::target,
				AuditEntry::result, AuditEntry::userId)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("resume_subscription", "sub_lifecycle",
							"invalid_subscription_state", "owner-user"),
					org.assertj.core.groups.Tuple.tuple("cancel_subscription", "sub_lifecycle", "succeeded",
							"owner-user"));
	}

	@Test
	void subscriptionOfAnotherAccountIsNotFound() {
		assertError(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, () -> this.lifecycle.cancel(owner("acct_active", this.full),
				"sub_other", null, CancellationReason.NONE, null));
		assertError(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
				() -> this.lifecycle.previewChange(owner("acct_active", this.full), "sub_nope",
						new PlanChangeTarget(null, BillingInterval.YEAR)));
		assertThat(this.gateway.findSubscription("sub_other").orElseThrow().cancelAtPeriodEnd()).isFalse();
	}

	@Test
	void changeByIntervalMovesToSameProductsPrice() {
		Subscription changed = this.lifecycle.change(owner("acct_change", this.full), "sub_change",
				new PlanChangeTarget(null, BillingInterval.YEAR), null);
		assertThat(changed.price().id()).isEqualTo("price_starter_yearly");
	}

	@Test
	void changeToCheaperPlanWhenDowngradesForbiddenIsRefused() {
		PortalConfiguration noDowngrades = withPlanChange(
				new PortalConfiguration.PlanChange(List.of(), false, ProrationBehavior.CREATE_PRORATIONS));
		assertError(PortalErrorCode.PLAN_CHANGE_NOT_ALLOWED, () -> this.lifecycle.change(
				owner("acct_pause", noDowngrades), "sub_pause", new PlanChangeTarget("price_starter_monthly", null),
				null));
		// Yearly billing of the same plan costs less per year but is not a downgrade.
		assertThat(this.lifecycle
			.change(owner("acct_pause", noDowngrades), "sub_pause", new PlanChangeTarget(null, BillingInterval.YEAR),
					null)
			.price()
			.id()).isEqualTo("price_pro_yearly");
	}

	@Test
	void changeToPriceOutsideConfigurationsListIsRefused() {
		PortalConfiguration onlyPro = withPlanChange(new PortalConfiguration.PlanChange(List.of("price_pro_monthly"),
				true, ProrationBehavior.CREATE_PRORATIONS));
		assertError(PortalErrorCode.PLAN_CHANGE_NOT_ALLOWED, () -> this.lifecycle.change(owner("acct_change", onlyPro),
				"sub_change", new PlanChangeTarget("price_pro_yearly", null), null));
	}

	@Test
	void changeToOtherCurrencyInactiveOrSamePriceIsRefused() {
		PortalCaller owner = owner("acct_change", this.full);
		assertError(PortalErrorCode.PRICE_NOT_AVAILABLE, () -> this.lifecycle.change(owner, "sub_change",
				new PlanChangeTarget("price_euro_monthly", null), null));
		assertError(PortalErrorCode.PRICE_NOT_AVAILABLE,
				() -> this.lifecycle.change(owner, "sub_change", new PlanChangeTarget("price_legacy", null), null));
		assertError(PortalErrorCode.INVALID_REQUEST, () -> this.lifecycle.change(owner, "sub_change",
				new PlanChangeTarget("price_starter_monthly", null), null));
	}

	@Test
	void previewMatchesWhatTheChangeThenBills() {
		PortalCaller owner = owner("acct_change", withPlanChange(
				new PortalConfiguration.PlanChange(List.of(), true, ProrationBehavior.ALWAYS_INVOICE)));
		var preview = this.lifecycle.previewChange(owner, "sub_change", new PlanChangeTarget("price_pro_monthly", null));
		assertThat(preview.prorationAmount()).isPositive();
		Subscription changed = this.lifecycle.change(owner, "sub_change",
				new PlanChangeTarget("price_pro_monthly", null), null);
		var invoice = this.gateway.findInvoice(changed.latestInvoiceId()).orElseThrow();
		assertThat(invoice.total()).isEqualTo(preview.nextInvoiceTotal());
	}

	@Test
	void resumeDateMustBeInTheFutureAndWithinTheConfigurationsMaximum() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
		SubscriptionLifecycle lifecycle = new SubscriptionLifecycle(this.gateway, this.subscriptions,
				new AuditedActions(this.trail, PortalMetrics.none(), Clock.systemUTC(),
						(accountId, action, result) -> this.snapshots.forget(accountId)),
				clock);
		PortalConfiguration monthAtMost = new PortalConfiguration("custom", this.full.features(), this.full.branding(),
				this.full.cancellation(), this.full.planChange(), null, PortalConfiguration.Quantity.FIXED,
				new PortalConfiguration.Pause(Duration.ofDays(30)));
		PortalCaller owner = owner("acct_pause", monthAtMost);
		assertError(PortalErrorCode.RESUME_DATE_OUT_OF_RANGE,
				() -> lifecycle.pause(owner, "sub_pause", Instant.parse("2026-12-06T09:00:00Z"), null));
		assertError(PortalErrorCode.RESUME_DATE_OUT_OF_RANGE,
				() -> lifecycle.pause(owner, "sub_pause", Instant.parse("2027-01-05T10:00:01Z"), null));
		assertThat(this.gateway.findSubscription("sub_pause").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(lifecycle.resumeDates(monthAtMost.pause())).contains(new SubscriptionLifecycle.ResumeDates(
				LocalDate.parse("2026-12-07"), LocalDate.parse("2027-01-05")));
		assertThat(lifecycle.resumeDates(this.full.pause())).isEmpty();
		Subscription paused = lifecycle.pause(owner, "sub_pause", Instant.parse("2027-01-05T00:00:00Z"), null);
		assertThat(paused.status()).isEqualTo(SubscriptionStatus.PAUSED);
		assertThat(paused.resumesAt()).isEqualTo(Instant.parse("2027-01-05T00:00:00Z"));
		lifecycle.resume(owner, "sub_pause", null);
	}

	@Test
	void seatsChangeOnlyWhereTheConfigurationAllowsAndWithinItsBounds() {
		assertError(PortalErrorCode.QUANTITY_CHANGE_NOT_ALLOWED, () -> this.lifecycle.change(
				owner("acct_change", this.full), "sub_change", new PlanChangeTarget(null, null, 4), null));
		PortalConfiguration seats = new PortalConfiguration("custom", this.full.features(), this.full.branding(),
				this.full.cancellation(), this.full.planChange(), null, new PortalConfiguration.Quantity(true, 2, 10),
				PortalConfiguration.Pause.UNTIL_RESUMED);
		PortalCaller owner = owner("acct_change", seats);
		assertError(PortalErrorCode.QUANTITY_OUT_OF_RANGE,
				() -> this.lifecycle.previewChange(owner, "sub_change", new PlanChangeTarget(null, null, 1)));
		assertError(PortalErrorCode.QUANTITY_OUT_OF_RANGE,
				() -> this.lifecycle.change(owner, "sub_change", new PlanChangeTarget(null, null, 11), null));
		assertThat(this.lifecycle.previewChange(owner, "sub_change", new PlanChangeTarget(null, null, 4)).quantity())
			.isEqualTo(4);
		Subscription changed = this.lifecycle.change(owner, "sub_change", new PlanChangeTarget(null, null, 4), null);
		assertThat(changed.quantity()).isEqualTo(4);
		assertThat(changed.price().id()).isEqualTo("price_starter_monthly");
		assertError(PortalErrorCode.INVALID_REQUEST,
				() -> this.lifecycle.change(owner, "sub_change", new PlanChangeTarget(null, null, 4), null));
		// Seats with a new plan: the plan rules apply as always.
		Subscription both = this.lifecycle.change(owner, "sub_change",
				new PlanChangeTarget("price_pro_monthly", null, 2), null);
		assertThat(both.quantity()).isEqualTo(2);
		assertThat(both.price().id()).isEqualTo("price_pro_monthly");
	}

	@Test
	void pauseThenResume() {
		PortalCaller owner = owner("acct_pause", this.full);
		assertThat(this.lifecycle.pause(owner, "sub_pause", null, null).status()).isEqualTo(SubscriptionStatus.PAUSED);
		assertThat(this.subscriptions.list("acct_pause").get(0).status()).isEqualTo(SubscriptionStatus.PAUSED);
		assertThat(this.lifecycle.resume(owner, "sub_pause", null).status()).isEqualTo(SubscriptionStatus.ACTIVE);
	}

	private PortalConfiguration withCancellation(PortalConfiguration.Cancellation cancellation) {
		return new PortalConfiguration("custom", this.full.features(), this.full.branding(), cancellation,
				this.full.planChange(), null);
	}

	private PortalConfiguration withPlanChange(PortalConfiguration.PlanChange planChange) {
		return new PortalConfiguration("custom", this.full.features(), this.full.branding(), this.full.cancellation(),
				planChange, null);
	}

	private static PortalCaller owner(String account, PortalConfiguration configuration) {
		return new PortalCaller(new AccountContext(account, "owner-user", Set.of("owner"), true), configuration);
	}

	private static void assertError(PortalErrorCode code, Runnable action) {
		assertThatExceptionOfType(PortalException.class).isThrownBy(action::run)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(code));
	}

}
