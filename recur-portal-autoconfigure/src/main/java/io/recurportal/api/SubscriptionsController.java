package io.recurportal.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalAccessPolicy;
import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.audit.AuditedActions;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingInterval;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Discount;
import io.recurportal.billing.ProrationPreview;
import io.recurportal.billing.ProviderIds;
import io.recurportal.billing.ProviderInfo;
import io.recurportal.billing.Subscription;
import io.recurportal.configuration.PortalFeature;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.PlanChangeTarget;
import io.recurportal.subscription.SubscriptionCheckout;
import io.recurportal.subscription.SubscriptionLifecycle;
import io.recurportal.subscription.SyncResult;

/**
 * The account's subscriptions: list, entitlements, plans, sync and the owner's
 * lifecycle actions. The account always comes from the caller's token.
 */
@RestController
@RequestMapping("${recur.portal.api.path:/api/subscriptions}")
public class SubscriptionsController {

	private final AccountSubscriptions subscriptions;

	private final SubscriptionLifecycle lifecycle;

	private final SubscriptionCheckout checkout;

	private final BillingGateway gateway;

	private final PortalAccessPolicy policy;

	private final AuditedActions audited;

	public SubscriptionsController(AccountSubscriptions subscriptions, SubscriptionLifecycle lifecycle,
			SubscriptionCheckout checkout, BillingGateway gateway, PortalAccessPolicy policy, AuditedActions audited) {
		this.subscriptions = subscriptions;
		this.lifecycle = lifecycle;
		this.checkout = checkout;
		this.gateway = gateway;
		this.policy = policy;
		this.audited = audited;
	}

	@GetMapping
	@PortalEndpoint(PortalAction.VIEW_SUBSCRIPTIONS)
	Map<String, List<SubscriptionView>> list(PortalCaller caller) {
		return Map.of("data", this.subscriptions.list(caller.account().accountId())
			.stream()
			.map(SubscriptionView::of)
			.toList());
	}

	@GetMapping("/features")
	@PortalEndpoint(PortalAction.VIEW_FEATURES)
	Features features(PortalCaller caller) {
		List<String> entitlements = this.subscriptions.list(caller.account().accountId())
			.stream()
			.filter((subscription) -> subscription.status().isEntitled())
			.flatMap((subscription) -> Entitlements.of(subscription.price()).stream())
			.distinct()
			.sorted()
			.toList();
		List<String> features = caller.configuration().features().stream().sorted().map(PortalFeature::value).toList();
		List<String> actions = Arrays.stream(PortalAction.values())
			.filter((action) -> this.policy.allows(caller, action))
			.map(PortalAction::value)
			.toList();
		return new Features(entitlements, features, actions);
	}

	@GetMapping("/merchants")
	@PortalEndpoint(PortalAction.VIEW_PLANS)
	Merchants merchants(PortalCaller caller) {
		ProviderInfo provider = this.gateway.providerInfo();
		boolean canSubscribe = this.policy.allows(caller, PortalAction.START_CHECKOUT);
		return new Merchants(List.of(new Merchant(provider.name(), provider.publishableKey(), provider.liveMode())),
				this.checkout.plansFor(caller).stream().map(PlanView::of).toList(), canSubscribe);
	}

	@PostMapping("/sync")
	@PortalEndpoint(PortalAction.SYNC_SUBSCRIPTIONS)
	Sync sync(PortalCaller caller, @RequestParam(name = "allow_deletes", defaultValue = "false") boolean allowDeletes) {
		SyncResult result = this.audited.perform(caller.account(), PortalAction.SYNC_SUBSCRIPTIONS.value(), null,
				() -> this.subscriptions.sync(caller.account().accountId(), allowDeletes));
		return new Sync(result.created(), result.updated(), result.deleted(), result.unchanged());
	}

	@PostMapping("/{id}/change/preview")
	@PortalEndpoint(PortalAction.PREVIEW_PLAN_CHANGE)
	Preview previewChange(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@Valid @RequestBody ChangeRequest request) {
		ProrationPreview preview = this.lifecycle.previewChange(caller, id, request.target());
		return new Preview(id, PlanView.of(preview.newPrice()), preview.prorationAmount(), preview.nextInvoiceTotal(),
				preview.nextInvoiceAt(), preview.currency(),
				preview.lines().stream().map(InvoiceView.Line::of).toList(), preview.quantity());
	}

	@PostMapping("/{id}/change")
	@PortalEndpoint(PortalAction.CHANGE_PLAN)
	SubscriptionView change(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@Valid @RequestBody ChangeRequest request, @RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER,
					required = false) @Nullable @Pattern(regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		return SubscriptionView.of(this.lifecycle.change(caller, id, request.target(), key));
	}

	@PostMapping("/{id}/cancel")
	@PortalEndpoint(PortalAction.CANCEL_SUBSCRIPTION)
	SubscriptionView cancel(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@Valid @RequestBody(required = false) @Nullable CancelRequest request,
			@RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER, required = false) @Nullable @Pattern(
					regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		CancelRequest body = (request != null) ? request : new CancelRequest(null, null, null);
		Subscription subscription = this.lifecycle.cancel(caller, id, body.cancelTiming(),
				new CancellationReason(body.reason(), body.comment()), key);
		return SubscriptionView.of(subscription);
	}

	@GetMapping("/{id}/retention-offer")
	@PortalEndpoint(PortalAction.VIEW_RETENTION_OFFER)
	RetentionOffer retentionOffer(PortalCaller caller,
			@PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id) {
		Discount discount = this.lifecycle.retentionOffer(caller, id)
			.orElseThrow(() -> new PortalException(PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE,
					"This subscription has no retention offer."));
		return new RetentionOffer(id, DiscountView.of(discount));
	}

	@PostMapping("/{id}/retention-offer/accept")
	@PortalEndpoint(PortalAction.ACCEPT_RETENTION_OFFER)
	SubscriptionView acceptRetentionOffer(PortalCaller caller,
			@PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER, required = false) @Nullable @Pattern(
					regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		return SubscriptionView.of(this.lifecycle.acceptRetentionOffer(caller, id, key));
	}

	@PostMapping("/{id}/reactivate")
	@PortalEndpoint(PortalAction.REACTIVATE_SUBSCRIPTION)
	SubscriptionView reactivate(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER, required = false) @Nullable @Pattern(
					regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		return SubscriptionView.of(this.lifecycle.reactivate(caller, id, key));
	}

	@PostMapping("/{id}/pause")
	@PortalEndpoint(PortalAction.PAUSE_SUBSCRIPTION)
	SubscriptionView pause(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@Valid @RequestBody(required = false) @Nullable PauseRequest request,
			@RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER, required = false) @Nullable @Pattern(
					regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		Instant resumesAt = (request != null) ? request.resumesAt() : null;
		return SubscriptionView.of(this.lifecycle.pause(caller, id, resumesAt, key));
	}

	@PostMapping("/{id}/resume")
	@PortalEndpoint(PortalAction.RESUME_SUBSCRIPTION)
	SubscriptionView resume(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER, required = false) @Nullable @Pattern(
					regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		return SubscriptionView.of(this.lifecycle.resume(caller, id, key));
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record ChangeRequest(@Nullable @Pattern(regexp = "day|week|month|year") String interval,
			@Nullable @Pattern(regexp = ProviderIds.PATTERN) String priceId,
			@JsonDeserialize(using = WholeNumberDeserializer.class) @Nullable @Min(1) @Max(1_000_000) Integer quantity) {

		@AssertTrue(message = "give one of interval and price_id, a quantity, or both")
		boolean isOneTarget() {
			if (this.interval != null && this.priceId != null) {
				return false;
			}
			return this.interval != null || this.priceId != null || this.quantity != null;
		}

		PlanChangeTarget target() {
			return new PlanChangeTarget(this.priceId,
					(this.interval != null) ? BillingInterval.fromValue(this.interval) : null, this.quantity);
		}

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record CancelRequest(@Nullable @Pattern(regexp = "period_end|immediately") String timing,
			@Nullable @Pattern(regexp = "[a-z_]{1,64}") String reason, @Nullable @Size(max = 500) String comment) {

		@Nullable CancelTiming cancelTiming() {
			return (this.timing != null) ? CancelTiming.valueOf(this.timing.toUpperCase(java.util.Locale.ROOT)) : null;
		}

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record RetentionOffer(String subscriptionId, DiscountView discount) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record PauseRequest(@Nullable Instant resumesAt) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Features(List<String> entitlements, List<String> features, List<String> actions) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Merchant(String provider, @Nullable String publishableKey, boolean liveMode) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Merchants(List<Merchant> merchants, List<PlanView> plans, boolean canSubscribe) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Sync(int created, int updated, int deleted, int unchanged) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Preview(String subscriptionId, PlanView newPlan, long prorationAmount, long nextInvoiceTotal,
			Instant nextInvoiceAt, String currency, List<InvoiceView.Line> lines, int quantity) {

	}

}
