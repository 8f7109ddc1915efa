package io.recurportal.billing.stripe;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeCollection;
import com.stripe.net.ApiRequestParams;
import com.stripe.net.RequestOptions;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.ProductListParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionResumeParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.common.EmptyParam;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Discount;
import io.recurportal.billing.IdempotencyKeys;
import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.Price;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.ProrationPreview;
import io.recurportal.billing.RetentionCoupon;
import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.jspecify.annotations.Nullable;

/**
 * Stripe subscriptions: listing, lifecycle (cancel, reactivate, pause, resume) and
 * price changes with their previews.
 * <p>
 * Every mutation asks Stripe to expand the price's product in its answer, so the
 * changed subscription is mapped without another call. State checks never stand in the
 * way of an idempotent retry: a state that a successful first try could have produced
 * is never refused before Stripe has had the chance to replay that first answer.
 */
final class StripeSubscriptions {

	static final String EXPAND_PRODUCT = "items.data.price.product";

	/** The terms of a subscription's discounts, three levels deep. */
	static final String EXPAND_DISCOUNT_COUPON = "discounts.source.coupon";

	static final long PAGE_SIZE = 100;

	/** Stripe's own limit of subscriptions per customer. */
	static final int MAX_SUBSCRIPTIONS = 500;

	private static final String IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";

	private final StripeClient client;

	private final StripeModelMapper mapper;

	private final StripeErrorTranslator errors;

	private final StripeCatalog catalog;

	private final Clock clock;

	private final StripeProductCache productCache;

	StripeSubscriptions(StripeClient client, StripeModelMapper mapper, StripeErrorTranslator errors,
			StripeCatalog catalog, Clock clock) {
		this.client = client;
		this.mapper = mapper;
		this.errors = errors;
		this.catalog = catalog;
		this.clock = clock;
		this.productCache = new StripeProductCache(clock);
	}

	/**
	 * {@code GET /v1/subscriptions?customer=&status=all} (one call per
	 * {@value #PAGE_SIZE}), then {@code GET /v1/products?ids[]=} for their products (one
	 * call per {@value #PAGE_SIZE} products) unless they were fetched in the last few
	 * minutes: one call for a usual customer, two the first time a product is seen. Stripe
	 * cannot expand {@code data.items.data.price.product} from a list, it is five levels
	 * deep.
	 */
	List<Subscription> list(String customerId) {
		List<com.stripe.model.Subscription> subscriptions = listStripe(customerId);
		Map<String, com.stripe.model.Product> products = products(subscriptions);
		List<Subscription> mapped = new ArrayList<>(subscriptions.size());
		for (com.stripe.model.Subscription subscription : subscriptions) {
			mapped.add(this.mapper.subscription(subscription, products));
		}
		return mapped;
	}

	/** Every subscription of a customer with at least one item, newest first. */
	List<com.stripe.model.Subscription> listStripe(String customerId) {
		List<com.stripe.model.Subscription> subscriptions = new ArrayList<>();
		String startingAfter = null;
		while (subscriptions.size() < MAX_SUBSCRIPTIONS) {
			SubscriptionListParams.Builder params = SubscriptionListParams.builder()
				.setCustomer(customerId)
				.setStatus(SubscriptionListParams.Status.ALL)
				.setLimit(PAGE_SIZE);
			if (startingAfter != null) {
				params.setStartingAfter(startingAfter);
			}
			StripeCollection<com.stripe.model.Subscription> page = this.errors
				.call(PortalErrorCode.CUSTOMER_NOT_FOUND, () -> this.client.v1().subscriptions().list(params.build()));
			for (com.stripe.model.Subscription subscription : page.getData()) {
				if (subscription.getItems() != null && subscription.getItems().getData() != null
						&& !subscription.getItems().getData().isEmpty()) {
					subscriptions.add(subscription);
				}
			}
			if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
				break;
			}
			startingAfter = page.getData().get(page.getData().size() - 1).getId();
		}
		return subscriptions;
	}

	private Map<String, com.stripe.model.Product> products(List<com.stripe.model.Subscription> subscriptions) {
		Set<String> ids = new LinkedHashSet<>();
		for (com.stripe.model.Subscription subscription : subscriptions) {
			com.stripe.model.Price price = StripeModelMapper.firstItem(subscription).getPrice();
			if (price.getProductObject() == null && price.getProduct() != null) {
				ids.add(price.getProduct());
			}
		}
		Map<String, com.stripe.model.Product> products = new HashMap<>();
		for (String id : List.copyOf(ids)) {
			this.productCache.get(id).ifPresent((product) -> {
				products.put(id, product);
				ids.remove(id);
			});
		}
		List<String> remaining = new ArrayList<>(ids);
		while (!remaining.isEmpty()) {
			List<String> chunk = List.copyOf(remaining.subList(0, (int) Math.min(PAGE_SIZE, remaining.size())));
			remaining = remaining.subList(chunk.size(), remaining.size());
			ProductListParams params = ProductListParams.builder().addAllId(chunk).setLimit(PAGE_SIZE).build();
			this.errors.call(PortalErrorCode.INVALID_REQUEST, () -> this.client.v1().products().list(params))
				.getData()
				.forEach((product) -> {
					products.put(product.getId(), product);
					this.productCache.put(product);
				});
		}
		return products;
	}

	/** One call: {@code GET /v1/subscriptions/{id}?expand[]=items.data.price.product}. */
	Optional<Subscription> find(String subscriptionId) {
		return findStripe(subscriptionId).map(this::map);
	}

	private Optional<com.stripe.model.Subscription> findStripe(String subscriptionId) {
		SubscriptionRetrieveParams params = SubscriptionRetrieveParams.builder().addExpand(EXPAND_PRODUCT).build();
		return this.errors.find(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
				() -> this.client.v1().subscriptions().retrieve(subscriptionId, params));
	}

	private com.stripe.model.Subscription getStripe(String subscriptionId) {
		return findStripe(subscriptionId).orElseThrow(
				() -> new PortalException(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, "The subscription was not found"));
	}

	/**
	 * One call: at period end {@code POST /v1/subscriptions/{id}} with
	 * {@code cancel_at_period_end=true}, now {@code DELETE /v1/subscriptions/{id}}; both
	 * with {@code cancellation_details}.
	 */
	Subscription cancel(String subscriptionId, CancelTiming timing, CancellationReason reason, String idempotencyKey) {
		RequestOptions options = options(idempotencyKey);
		boolean hasReason = reason.feedback() != null || reason.comment() != null;
		if (timing == CancelTiming.PERIOD_END) {
			SubscriptionUpdateParams.Builder params = SubscriptionUpdateParams.builder()
				.setCancelAtPeriodEnd(true)
				.addExpand(EXPAND_PRODUCT);
			if (hasReason) {
				params.setCancellationDetails(updateCancellationDetails(reason));
			}
			return mutate(subscriptionId,
					() -> this.client.v1().subscriptions().update(subscriptionId, params.build(), options));
		}
		SubscriptionCancelParams.Builder params = SubscriptionCancelParams.builder().addExpand(EXPAND_PRODUCT);
		if (hasReason) {
			params.setCancellationDetails(cancelCancellationDetails(reason));
		}
		return mutate(subscriptionId,
				() -> this.client.v1().subscriptions().cancel(subscriptionId, params.build(), options));
	}

	private static SubscriptionUpdateParams.CancellationDetails updateCancellationDetails(CancellationReason reason) {
		SubscriptionUpdateParams.CancellationDetails.Builder details = SubscriptionUpdateParams.CancellationDetails
			.builder();
		if (reason.feedback() != null) {
			details.setFeedback(
					feedback(SubscriptionUpdateParams.CancellationDetails.Feedback.class, reason.feedback()));
		}
		if (reason.comment() != null) {
			details.setComment(reason.comment());
		}
		return details.build();
	}

	private static SubscriptionCancelParams.CancellationDetails cancelCancellationDetails(CancellationReason reason) {
		SubscriptionCancelParams.CancellationDetails.Builder details = SubscriptionCancelParams.CancellationDetails
			.builder();
		if (reason.feedback() != null) {
			details.setFeedback(
					feedback(SubscriptionCancelParams.CancellationDetails.Feedback.class, reason.feedback()));
		}
		if (reason.comment() != null) {
			details.setComment(reason.comment());
		}
		return details.build();
	}

	// Stripe knows a fixed set of feedback codes; anything else is "other".
	private static <E extends Enum<E> & ApiRequestParams.EnumParam> E feedback(Class<E> type, String value) {
		for (E constant : type.getEnumConstants()) {
			if (constant.getValue().equals(value)) {
				return constant;
			}
		}
		return Enum.valueOf(type, "OTHER");
	}

	/**
	 * Two calls: {@code GET /v1/subscriptions/{id}}, then {@code POST /v1/subscriptions/{id}}
	 * with {@code cancel_at_period_end=false}. An ended subscription is refused before the
	 * update. One that is not cancelling is refused after it, unless Stripe answers that
	 * the update replays an earlier one with the same key: that is a retry of a
	 * reactivation that succeeded, and answers as it did.
	 */
	Subscription reactivate(String subscriptionId, String idempotencyKey) {
		com.stripe.model.Subscription current = getStripe(subscriptionId);
		rejectIfEnded(current);
		SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
			.setCancelAtPeriodEnd(false)
			.addExpand(EXPAND_PRODUCT)
			.build();
		com.stripe.model.Subscription updated = this.errors.call(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
				() -> this.client.v1().subscriptions().update(subscriptionId, params, options(idempotencyKey)));
		if (!Boolean.TRUE.equals(current.getCancelAtPeriodEnd()) && !isReplayed(updated)) {
			throw new PortalException(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
					"The subscription is not set to cancel, so there is nothing to reactivate");
		}
		return map(updated);
	}

	private static boolean isReplayed(com.stripe.model.Subscription subscription) {
		return subscription.getLastResponse() != null && subscription.getLastResponse().headers() != null
				&& "true".equals(
						subscription.getLastResponse().headers().firstValue(IDEMPOTENT_REPLAYED_HEADER).orElse(null));
	}

	/**
	 * One call: {@code POST /v1/subscriptions/{id}} with
	 * {@code pause_collection[behavior]=void} and {@code resumes_at} when given: invoices
	 * made while paused are voided, so nothing is owed for the pause.
	 */
	Subscription pause(String subscriptionId, @Nullable Instant resumesAt, String idempotencyKey) {
		SubscriptionUpdateParams.PauseCollection.Builder pause = SubscriptionUpdateParams.PauseCollection.builder()
			.setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.VOID);
		if (resumesAt != null) {
			pause.setResumesAt(resumesAt.getEpochSecond());
		}
		SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
			.setPauseCollection(pause.build())
			.addExpand(EXPAND_PRODUCT)
			.build();
		return mutate(subscriptionId,
				() -> this.client.v1().subscriptions().update(subscriptionId, params, options(idempotencyKey)));
	}

	/**
	 * Two calls: {@code GET /v1/subscriptions/{id}}, then, for a subscription whose status
	 * is {@code paused} (a trial that ended without a payment method),
	 * {@code POST /v1/subscriptions/{id}/resume}, else {@code POST /v1/subscriptions/{id}}
	 * with an empty {@code pause_collection}, which unsets it.
	 */
	Subscription resume(String subscriptionId, String idempotencyKey) {
		com.stripe.model.Subscription current = getStripe(subscriptionId);
		rejectIfEnded(current);
		RequestOptions options = options(idempotencyKey);
		if ("paused".equals(current.getStatus())) {
			SubscriptionResumeParams params = SubscriptionResumeParams.builder().addExpand(EXPAND_PRODUCT).build();
			return mutate(subscriptionId,
					() -> this.client.v1().subscriptions().resume(subscriptionId, params, options));
		}
		SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
			.setPauseCollection(EmptyParam.EMPTY)
			.addExpand(EXPAND_PRODUCT)
			.build();
		return mutate(subscriptionId,
				() -> this.client.v1().subscriptions().update(subscriptionId, params, options));
	}

	/**
	 * Two calls: {@code GET /v1/subscriptions/{id}} for the item to change, then
	 * {@code POST /v1/subscriptions/{id}} with {@code items[0][id]}, {@code items[0][price]},
	 * {@code proration_behavior} and {@code payment_behavior=error_if_incomplete}: when
	 * the change makes an invoice that cannot be paid, Stripe refuses the whole change (a
	 * 402) instead of leaving the subscription changed with an unpaid invoice. When the
	 * change invoices nothing, the payment behaviour has no effect, so it is always sent
	 * rather than fetching the new price to tell. Stripe itself starts a new period when
	 * the interval changes.
	 */
	Subscription changePrice(String subscriptionId, String newPriceId, ProrationBehavior prorationBehavior,
			String idempotencyKey) {
		return change(subscriptionId, newPriceId, null, prorationBehavior, idempotencyKey);
	}

	/**
	 * As {@link #changePrice}, with {@code items[0][quantity]} when a quantity is given.
	 */
	Subscription change(String subscriptionId, String newPriceId, @Nullable Integer quantity,
			ProrationBehavior prorationBehavior, String idempotencyKey) {
		com.stripe.model.Subscription current = getStripe(subscriptionId);
		rejectIfEnded(current);
		SubscriptionUpdateParams.Item.Builder item = SubscriptionUpdateParams.Item.builder()
			.setId(StripeModelMapper.firstItem(current).getId())
			.setPrice(newPriceId);
		if (quantity != null) {
			item.setQuantity(quantity.longValue());
		}
		SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
			.addItem(item.build())
			.setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.valueOf(prorationBehavior.name()))
			.setPaymentBehavior(SubscriptionUpdateParams.PaymentBehavior.ERROR_IF_INCOMPLETE)
			.addExpand(EXPAND_PRODUCT)
			.build();
		return mutate(subscriptionId,
				() -> this.client.v1().subscriptions().update(subscriptionId, params, options(idempotencyKey)));
	}

	/**
	 * Three calls: {@code GET /v1/subscriptions/{id}}, {@code GET /v1/prices/{id}} and
	 * {@code POST /v1/invoices/create_preview} with the subscription and
	 * {@code subscription_details} of the change. Nothing changes. The proration amount is
	 * the sum of the preview's lines that Stripe marks as prorations.
	 */
	ProrationPreview previewPriceChange(String subscriptionId, String newPriceId,
			ProrationBehavior prorationBehavior) {
		return previewChange(subscriptionId, newPriceId, null, prorationBehavior);
	}

	/**
	 * As {@link #previewPriceChange}, with the item's {@code quantity} when one is given.
	 */
	ProrationPreview previewChange(String subscriptionId, String newPriceId, @Nullable Integer quantity,
			ProrationBehavior prorationBehavior) {
		com.stripe.model.Subscription current = getStripe(subscriptionId);
		Subscription mapped = map(current);
		Price newPrice = this.catalog.find(newPriceId)
			.orElseThrow(() -> new PortalException(PortalErrorCode.PRICE_NOT_AVAILABLE, "The price is not available"));
		InvoiceCreatePreviewParams params = InvoiceCreatePreviewParams.builder()
			.setCustomer(current.getCustomer())
			.setSubscription(subscriptionId)
			.setSubscriptionDetails(InvoiceCreatePreviewParams.SubscriptionDetails.builder()
				.addItem(previewItem(current, newPriceId, quantity))
				.setProrationBehavior(InvoiceCreatePreviewParams.SubscriptionDetails.ProrationBehavior
					.valueOf(prorationBehavior.name()))
				.build())
			.build();
		com.stripe.model.Invoice preview = this.errors.call(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
				() -> this.client.v1().invoices().createPreview(params));
		List<InvoiceLine> lines = this.mapper.invoiceLines(preview);
		long prorationAmount = lines.stream().filter(InvoiceLine::proration).mapToLong(InvoiceLine::amount).sum();
		boolean invoicedNow = prorationBehavior == ProrationBehavior.ALWAYS_INVOICE
				|| !newPrice.hasSameScheduleAs(mapped.price());
		Instant nextInvoiceAt = invoicedNow ? this.clock.instant() : mapped.currentPeriodEnd();
		long total = (preview.getTotal() != null) ? preview.getTotal() : 0;
		return new ProrationPreview(subscriptionId, newPrice, prorationAmount, total, nextInvoiceAt,
				preview.getCurrency(), lines, (quantity != null) ? quantity : mapped.quantity());
	}

	private static InvoiceCreatePreviewParams.SubscriptionDetails.Item previewItem(
			com.stripe.model.Subscription current, String newPriceId, @Nullable Integer quantity) {
		InvoiceCreatePreviewParams.SubscriptionDetails.Item.Builder item = InvoiceCreatePreviewParams.SubscriptionDetails.Item
			.builder()
			.setId(StripeModelMapper.firstItem(current).getId())
			.setPrice(newPriceId);
		if (quantity != null) {
			item.setQuantity(quantity.longValue());
		}
		return item.build();
	}

	private static void rejectIfEnded(com.stripe.model.Subscription subscription) {
		if (SubscriptionStatus.fromValue(subscription.getStatus()).isTerminal()) {
			throw new PortalException(PortalErrorCode.INVALID_SUBSCRIPTION_STATE, "The subscription has ended");
		}
	}

	/**
	 * Runs a mutation. When Stripe refuses it as invalid, the subscription is looked at
	 * (one more call, only then) to tell an ended subscription from a bad request.
	 */
	/**
	 * For a coupon id, {@code GET /v1/coupons/{id}}: a coupon Stripe does not know or no
	 * longer redeems is no offer. A percentage needs no call: its coupon is created when
	 * the offer is accepted.
	 */
	Optional<Discount> describeRetentionCoupon(RetentionCoupon coupon) {
		if (coupon.couponId() == null) {
			return Optional.of(Discount.percent(null, Objects.requireNonNull(coupon.percentOff()),
					Objects.requireNonNull(coupon.durationInMonths()), null));
		}
		return this.errors.find(PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE,
				() -> this.client.v1().coupons().retrieve(coupon.couponId()))
			.filter((found) -> !Boolean.FALSE.equals(found.getValid()))
			.map(StripeModelMapper::discount);
	}

	/**
	 * {@code GET /v1/subscriptions/{id}}; for a percentage, {@code POST /v1/coupons}
	 * (repeating for the months, its own idempotency key, so a retry reuses the coupon);
	 * then {@code POST /v1/subscriptions/{id}} with {@code discounts[0][coupon]} and
	 * {@code metadata[recur_retention_offer]=accepted}, expanding the discount's coupon so
	 * the answer states the terms. An offer accepted before is refused: applying the
	 * coupon again would start its months again.
	 */
	Subscription applyRetentionOffer(String subscriptionId, RetentionCoupon coupon, String idempotencyKey) {
		com.stripe.model.Subscription current = getStripe(subscriptionId);
		rejectIfEnded(current);
		if (RetentionOfferStatus.ACCEPTED == RetentionOfferStatus.fromValue(
				(current.getMetadata() != null) ? current.getMetadata().get(RetentionOfferStatus.METADATA_KEY) : null)) {
			throw new PortalException(PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE, "The offer was accepted before.");
		}
		String couponId = coupon.couponId();
		if (couponId == null) {
			CouponCreateParams params = CouponCreateParams.builder()
				.setPercentOff(BigDecimal.valueOf(Objects.requireNonNull(coupon.percentOff())))
				.setDuration(CouponCreateParams.Duration.REPEATING)
				.setDurationInMonths(Objects.requireNonNull(coupon.durationInMonths()).longValue())
				.setName(coupon.percentOff() + "% off for " + coupon.durationInMonths() + " months")
				.putMetadata("recur_portal", "retention_offer")
				.build();
			couponId = this.errors
				.call(PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE,
						() -> this.client.v1()
							.coupons()
							.create(params, options(IdempotencyKeys.derive(idempotencyKey, "coupon"))))
				.getId();
		}
		SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
			.addDiscount(SubscriptionUpdateParams.Discount.builder().setCoupon(couponId).build())
			.putMetadata(RetentionOfferStatus.METADATA_KEY, RetentionOfferStatus.ACCEPTED.value())
			.addExpand(EXPAND_PRODUCT)
			.addExpand(EXPAND_DISCOUNT_COUPON)
			.build();
		return mutate(subscriptionId,
				() -> this.client.v1().subscriptions().update(subscriptionId, params, options(idempotencyKey)));
	}

	/**
	 * {@code POST /v1/subscriptions/{id}} with {@code metadata[recur_retention_offer]}.
	 */
	Subscription recordRetentionOffer(String subscriptionId, RetentionOfferStatus status, String idempotencyKey) {
		SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
			.putMetadata(RetentionOfferStatus.METADATA_KEY, status.value())
			.addExpand(EXPAND_PRODUCT)
			.build();
		return mutate(subscriptionId,
				() -> this.client.v1().subscriptions().update(subscriptionId, params, options(idempotencyKey)));
	}

	private Subscription mutate(String subscriptionId, StripeCall<com.stripe.model.Subscription> mutation) {
		try {
			return map(mutation.call());
		}
		catch (StripeException ex) {
			if (ex instanceof InvalidRequestException && !StripeErrorTranslator.isResourceMissing(ex)
					&& hasEnded(subscriptionId)) {
				throw new PortalException(PortalErrorCode.INVALID_SUBSCRIPTION_STATE, "The subscription has ended",
						ex);
			}
			throw this.errors.translate(ex, PortalErrorCode.SUBSCRIPTION_NOT_FOUND);
		}
	}

	private boolean hasEnded(String subscriptionId) {
		try {
			return findStripe(subscriptionId)
				.map((subscription) -> SubscriptionStatus.fromValue(subscription.getStatus()).isTerminal())
				.orElse(false);
		}
		catch (PortalException ex) {
			// The original failure is the one to report.
			return false;
		}
	}

	private Subscription map(com.stripe.model.Subscription subscription) {
		return this.mapper.subscription(subscription, Map.of());
	}

	private static RequestOptions options(String idempotencyKey) {
		return StripeIdempotencyKeys.requestOptions(StripeIdempotencyKeys.of(idempotencyKey));
	}

}
