package io.recurportal.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.audit.AuditedActions;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingInterval;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Discount;
import io.recurportal.billing.IdempotencyKeys;
import io.recurportal.billing.Price;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.ProrationPreview;
import io.recurportal.billing.RetentionCoupon;
import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * The lifecycle actions an owner takes on one of the account's subscriptions: cancel,
 * reactivate, pause, resume and change plan. Each is checked against the caller's
 * portal configuration, sent to the provider with an idempotency key, mirrored and
 * audited.
 * <p>
 * Without a client key, the idempotency key is derived from the account, the action,
 * its arguments and the mirror's revision of the subscription: a retry of a request
 * whose answer was lost changes nothing twice, while the same action taken again after
 * the subscription changed (cancel, reactivate, cancel) is a new request. With a client
 * key, the key is the client's, scoped to account, action and subscription, and a retry
 * answers what the first request answered.
 */
public final class SubscriptionLifecycle {

	private final BillingGateway gateway;

	private final AccountSubscriptions subscriptions;

	private final AuditedActions audited;

	private final Clock clock;

	public SubscriptionLifecycle(BillingGateway gateway, AccountSubscriptions subscriptions, AuditedActions audited) {
		this(gateway, subscriptions, audited, Clock.systemUTC());
	}

	/**
	 * Creates the lifecycle actions.
	 * @param gateway the provider
	 * @param subscriptions the account's subscriptions
	 * @param audited the audit of each action
	 * @param clock the time a resume date is checked against
	 */
	public SubscriptionLifecycle(BillingGateway gateway, AccountSubscriptions subscriptions, AuditedActions audited,
			Clock clock) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(subscriptions, "subscriptions must not be null");
		Assert.notNull(audited, "audited must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.gateway = gateway;
		this.subscriptions = subscriptions;
		this.audited = audited;
		this.clock = clock;
	}

	/**
	 * Cancels a subscription.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions
	 * @param timing when it ends; {@code null} for the configuration's mode
	 * @param reason why, one of the configuration's reasons when it lists any
	 * @param clientKey the client's idempotency key, if it sent one
	 * @return the subscription after the change
	 */
	public Subscription cancel(PortalCaller caller, String subscriptionId, @Nullable CancelTiming timing,
			CancellationReason reason, @Nullable String clientKey) {
		return mutate(caller, PortalAction.CANCEL_SUBSCRIPTION, subscriptionId, clientKey, auditDetail(reason),
				(before, clientKeyed) -> {
					PortalConfiguration.Cancellation options = caller.configuration().cancellation();
					CancelTiming effective = (timing != null) ? timing : options.mode();
					if (!options.allows(effective)) {
						throw new PortalException(PortalErrorCode.CANCEL_TIMING_NOT_ALLOWED,
								"This portal cancels subscriptions at the end of the paid period only.");
					}
					if (reason.feedback() != null && !options.reasons().contains(reason.feedback())) {
						throw new PortalException(PortalErrorCode.INVALID_REQUEST,
								"The reason must be one of " + options.reasons() + ".");
					}
					// Cancelling is how a customer declines the offer: recorded first, because Stripe
					// no longer changes the metadata of a subscription once it has ended.
					boolean declines = pendingOffer(caller, subscriptionId).isPresent();
					return new Mutation((key) -> {
						if (declines) {
							this.gateway.recordRetentionOffer(subscriptionId, RetentionOfferStatus.DECLINED,
									IdempotencyKeys.derive(key, RetentionOfferStatus.DECLINED.value()));
						}
						return this.gateway.cancel(subscriptionId, effective, reason, key);
					}, effective, reason);
				});
	}

	/**
	 * The discount offered before the subscription is cancelled: the configuration's
	 * offer, when the provider can apply it and this subscription was never offered it
	 * before (it was neither accepted nor declined), is live, not already cancelling and
	 * has no discount.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions
	 * @return the discount, or empty when there is no offer
	 */
	public Optional<Discount> retentionOffer(PortalCaller caller, String subscriptionId) {
		this.subscriptions.require(caller.account().accountId(), subscriptionId);
		return pendingOffer(caller, subscriptionId);
	}

	/**
	 * Accepts the retention offer: the discount applies and the subscription stays.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions
	 * @param clientKey the client's idempotency key, if it sent one
	 * @return the subscription after the change, with its discount
	 * @throws PortalException {@code retention_offer_not_available} when there is no
	 * offer for it
	 */
	public Subscription acceptRetentionOffer(PortalCaller caller, String subscriptionId, @Nullable String clientKey) {
		return mutate(caller, PortalAction.ACCEPT_RETENTION_OFFER, subscriptionId, clientKey, (before, clientKeyed) -> {
			RetentionCoupon coupon = caller.configuration().cancellation().retentionOffer();
			Subscription current = this.gateway.findSubscription(subscriptionId).orElse(before);
			// A client's retry of an accepted offer answers as the first time did: the
			// provider tells a retry (same key) from a second acceptance.
			boolean retried = clientKeyed && current.retentionOffer() == RetentionOfferStatus.ACCEPTED;
			if (coupon == null || (!retried && offerFor(coupon, current).isEmpty())) {
				throw notAvailable();
			}
			return new Mutation((key) -> this.gateway.applyRetentionOffer(subscriptionId, coupon, key), coupon);
		});
	}

	private Optional<Discount> pendingOffer(PortalCaller caller, String subscriptionId) {
		RetentionCoupon coupon = caller.configuration().cancellation().retentionOffer();
		if (coupon == null) {
			return Optional.empty();
		}
		// The provider keeps whether it was offered; the mirror may lag behind it.
		return this.gateway.findSubscription(subscriptionId).flatMap((current) -> offerFor(coupon, current));
	}

	private Optional<Discount> offerFor(RetentionCoupon coupon, Subscription current) {
		RetentionOfferStatus status = current.retentionOffer();
		if (current.status().isTerminal() || current.cancelAtPeriodEnd() || current.discount() != null
				|| (status != null && status.isAnswered())) {
			return Optional.empty();
		}
		return this.gateway.describeRetentionCoupon(coupon);
	}

	private static PortalException notAvailable() {
		return new PortalException(PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE,
				"This subscription has no retention offer.");
	}

	/**
	 * Undoes a cancellation at period end.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions
	 * @param clientKey the client's idempotency key, if it sent one
	 * @return the subscription after the change
	 */
	public Subscription reactivate(PortalCaller caller, String subscriptionId, @Nullable String clientKey) {
		return mutate(caller, PortalAction.REACTIVATE_SUBSCRIPTION, subscriptionId, clientKey,
				(before, clientKeyed) -> new Mutation((key) -> this.gateway.reactivate(subscriptionId, key)));
	}

	/**
	 * Pauses a subscription.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions
	 * @param resumesAt when to resume by itself, or {@code null}
	 * @param clientKey the client's idempotency key, if it sent one
	 * @return the subscription after the change
	 */
	public Subscription pause(PortalCaller caller, String subscriptionId, @Nullable Instant resumesAt,
			@Nullable String clientKey) {
		return mutate(caller, PortalAction.PAUSE_SUBSCRIPTION, subscriptionId, clientKey, (before, clientKeyed) -> {
			if (resumesAt != null) {
				checkResumeDate(caller.configuration().pause(), resumesAt);
			}
			return new Mutation((key) -> this.gateway.pause(subscriptionId, resumesAt, key), resumesAt);
		});
	}

	private void checkResumeDate(PortalConfiguration.Pause options, Instant resumesAt) {
		Instant now = this.clock.instant();
		if (!resumesAt.isAfter(now)) {
			throw new PortalException(PortalErrorCode.RESUME_DATE_OUT_OF_RANGE, "The resume date must be in the future.");
		}
		if (options.maxDuration() != null && resumesAt.isAfter(now.plus(options.maxDuration()))) {
			throw new PortalException(PortalErrorCode.RESUME_DATE_OUT_OF_RANGE,
					"The resume date must be within " + options.maxDuration().toDays() + " days.");
		}
	}

	/**
	 * The dates a customer may choose to resume on, each meaning midnight UTC: from
	 * tomorrow to the last day within the configuration's maximum.
	 * @param options how pausing works
	 * @return the range, or empty when the configuration offers no date
	 */
	public Optional<ResumeDates> resumeDates(PortalConfiguration.Pause options) {
		if (options.maxDuration() == null) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
		LocalDate last = LocalDate.ofInstant(now.plus(options.maxDuration()), ZoneOffset.UTC);
		return first.isAfter(last) ? Optional.empty() : Optional.of(new ResumeDates(first, last));
	}

	/**
	 * The first and last date a paused subscription may resume on.
	 *
	 * @param first the earliest
	 * @param last the latest
	 */
	public record ResumeDates(LocalDate first, LocalDate last) {

	}

	/**
	 * Resumes a paused subscription.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions
	 * @param clientKey the client's idempotency key, if it sent one
	 * @return the subscription after the change
	 */
	public Subscription resume(PortalCaller caller, String subscriptionId, @Nullable String clientKey) {
		return mutate(caller, PortalAction.RESUME_SUBSCRIPTION, subscriptionId, clientKey,
				(before, clientKeyed) -> new Mutation((key) -> this.gateway.resume(subscriptionId, key)));
	}

	/**
	 * What a plan change would cost, changing nothing.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions
	 * @param target where to move
	 * @return the preview
	 */
	public ProrationPreview previewChange(PortalCaller caller, String subscriptionId, PlanChangeTarget target) {
		Subscription current = this.subscriptions.require(caller.account().accountId(), subscriptionId);
		Integer quantity = checkedQuantity(caller.configuration(), current, target, true);
		Price price = target(caller.configuration(), current, target, quantity, true);
		ProrationBehavior behavior = caller.configuration().planChange().prorationBehavior();
		if (quantity == null) {
			return this.gateway.previewPriceChange(subscriptionId, price.id(), behavior);
		}
		return this.gateway.previewChange(subscriptionId, price.id(), quantity, behavior);
	}

	/**
	 * Moves a subscription to another price.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions
	 * @param target where to move
	 * @param clientKey the client's idempotency key, if it sent one
	 * @return the subscription after the change
	 */
	public Subscription change(PortalCaller caller, String subscriptionId, PlanChangeTarget target,
			@Nullable String clientKey) {
		ProrationBehavior behavior = caller.configuration().planChange().prorationBehavior();
		return mutate(caller, PortalAction.CHANGE_PLAN, subscriptionId, clientKey, (before, clientKeyed) -> {
			// With a client key the subscription may already be on the price because this
			// very request succeeded before: the provider then answers as it did the first time.
			Integer quantity = checkedQuantity(caller.configuration(), before, target, !clientKeyed);
			Price price = target(caller.configuration(), before, target, quantity, !clientKeyed);
			if (quantity == null) {
				return new Mutation((key) -> this.gateway.changePrice(subscriptionId, price.id(), behavior, key),
						price.id(), behavior);
			}
			return new Mutation((key) -> this.gateway.change(subscriptionId, price.id(), quantity, behavior, key),
					price.id(), quantity, behavior);
		});
	}

	// The new quantity, or null when the target keeps the current one.
	private static @Nullable Integer checkedQuantity(PortalConfiguration configuration, Subscription current,
			PlanChangeTarget target, boolean refuseCurrent) {
		Integer quantity = target.quantity();
		if (quantity == null) {
			return null;
		}
		PortalConfiguration.Quantity options = configuration.quantity();
		if (!options.enabled()) {
			throw new PortalException(PortalErrorCode.QUANTITY_CHANGE_NOT_ALLOWED,
					"This portal does not let customers change the quantity.");
		}
		if (!options.allows(quantity)) {
			throw new PortalException(PortalErrorCode.QUANTITY_OUT_OF_RANGE,
					"The quantity must be at least " + options.minimum()
							+ ((options.maximum() != null) ? " and at most " + options.maximum() : "") + ".");
		}
		if (refuseCurrent && !target.changesPrice() && quantity == current.quantity()) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "The subscription already has this quantity.");
		}
		return quantity;
	}

	private Price target(PortalConfiguration configuration, Subscription current, PlanChangeTarget target,
			@Nullable Integer quantity, boolean refuseCurrent) {
		if (!target.changesPrice()) {
			return current.price();
		}
		boolean seatsChange = quantity != null && quantity != current.quantity();
		if (seatsChange && current.price().id().equals(target.priceId())) {
			// Seats change on the plan the customer already has: no plan rule applies.
			return current.price();
		}
		return newPrice(configuration, current, target, refuseCurrent && !seatsChange);
	}

	private Price newPrice(PortalConfiguration configuration, Subscription current, PlanChangeTarget target,
			boolean refuseCurrentPrice) {
		Price price = (target.priceId() != null) ? activePrice(target.priceId()) : sameProductPrice(current, target);
		if (refuseCurrentPrice && price.id().equals(current.price().id())) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "The subscription is already on this price.");
		}
		if (!price.currency().equals(current.price().currency())) {
			throw new PortalException(PortalErrorCode.PRICE_NOT_AVAILABLE,
					"A subscription cannot change currency; choose a price in " + current.price().currency() + ".");
		}
		PortalConfiguration.PlanChange options = configuration.planChange();
		if (!options.offers(price.id())) {
			throw new PortalException(PortalErrorCode.PLAN_CHANGE_NOT_ALLOWED,
					"This portal does not offer a switch to that price.");
		}
		// A cheaper interval of the same plan is a billing choice, not a downgrade.
		boolean downgrade = !price.product().id().equals(current.price().product().id())
				&& price.yearlyAmount() < current.price().yearlyAmount();
		if (downgrade && !options.allowDowngrades()) {
			throw new PortalException(PortalErrorCode.PLAN_CHANGE_NOT_ALLOWED,
					"Switching to a cheaper plan is not available here; please contact support.");
		}
		return price;
	}

	private Price activePrice(String priceId) {
		return this.gateway.findPrice(priceId)
			.filter(Price::active)
			.orElseThrow(() -> new PortalException(PortalErrorCode.PRICE_NOT_AVAILABLE, "No such price."));
	}

	private Price sameProductPrice(Subscription current, PlanChangeTarget target) {
		return this.gateway.listPrices()
			.stream()
			.filter((price) -> price.product().id().equals(current.price().product().id()))
			.filter((price) -> price.interval() == target.interval() && price.intervalCount() == 1)
			.findFirst()
			.orElseThrow(() -> new PortalException(PortalErrorCode.PRICE_NOT_AVAILABLE,
					"This plan has no " + adjective(Objects.requireNonNull(target.interval())) + " price."));
	}

	// "daily", not "day" + "ly".
	static String adjective(BillingInterval interval) {
		return switch (interval) {
			case DAY -> "daily";
			case WEEK -> "weekly";
			case MONTH -> "monthly";
			case YEAR -> "yearly";
		};
	}

	/**
	 * A cancellation's reason as the audit trail keeps it: the reason's code, then the
	 * customer's comment on the next line.
	 * @param reason the reason
	 * @return the detail, or {@code null} when no reason was given
	 */
	public static @Nullable String auditDetail(CancellationReason reason) {
		if (reason.feedback() == null && reason.comment() == null) {
			return null;
		}
		String code = (reason.feedback() != null) ? reason.feedback() : "";
		return (reason.comment() != null) ? code + "\n" + reason.comment() : code;
	}

	private Subscription mutate(PortalCaller caller, PortalAction action, String subscriptionId,
			@Nullable String clientKey, BiFunction<Subscription, Boolean, Mutation> prepare) {
		return mutate(caller, action, subscriptionId, clientKey, null, prepare);
	}

	private Subscription mutate(PortalCaller caller, PortalAction action, String subscriptionId,
			@Nullable String clientKey, @Nullable String detail, BiFunction<Subscription, Boolean, Mutation> prepare) {
		String accountId = caller.account().accountId();
		return this.audited.perform(caller.account(), action.value(), subscriptionId, detail,
				() -> this.subscriptions.change(accountId, subscriptionId, (before, revision) -> {
					Mutation mutation = prepare.apply(before, clientKey != null);
					String key = (clientKey != null)
							? IdempotencyKeys.derive(accountId, action.value(), subscriptionId, clientKey)
							: IdempotencyKeys.derive(accountId, action.value(), subscriptionId, revision,
									Arrays.deepToString(mutation.arguments()));
					return mutation.call().apply(key);
				}));
	}

	/**
	 * A provider call that takes the idempotency key, and the arguments that tell this
	 * request from another.
	 */
	private record Mutation(Function<String, Subscription> call, @Nullable Object... arguments) {

	}

}
