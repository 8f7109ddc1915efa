package io.recurportal.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;

/**
 * A subscription as the API shows it: besides the provider's fields, when the next
 * charge is and when it ends, so a client need not work those out.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SubscriptionView(String id, String status, boolean onHold, PlanView plan, int quantity,
		Instant currentPeriodStart, Instant currentPeriodEnd, @Nullable Instant nextChargeAt, @Nullable Instant endsAt,
		boolean cancelAtPeriodEnd, @Nullable Instant canceledAt, @Nullable Instant endedAt, @Nullable Instant trialEnd,
		@Nullable Instant resumesAt, @Nullable String cancellationReason, Instant created,
		@Nullable DiscountView discount) {

	static SubscriptionView of(Subscription subscription) {
		SubscriptionStatus status = subscription.status();
		boolean charges = !subscription.cancelAtPeriodEnd() && !status.isTerminal() && status != SubscriptionStatus.PAUSED;
		Instant endsAt = status.isTerminal() ? subscription.endedAt()
				: subscription.cancelAtPeriodEnd() ? subscription.currentPeriodEnd() : null;
		return new SubscriptionView(subscription.id(), status.value(), subscription.isOnHold(),
				PlanView.of(subscription.price()), subscription.quantity(), subscription.currentPeriodStart(),
				subscription.currentPeriodEnd(), charges ? subscription.currentPeriodEnd() : null, endsAt,
				subscription.cancelAtPeriodEnd(), subscription.canceledAt(), subscription.endedAt(),
				subscription.trialEnd(), subscription.resumesAt(),
				(subscription.cancellationReason() != null) ? subscription.cancellationReason().feedback() : null,
				subscription.created(), DiscountView.ofNullable(subscription.discount()));
	}

}
