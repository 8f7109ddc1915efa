package io.recurportal.billing.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.billing.BillingInterval;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.Price;
import io.recurportal.billing.Product;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.ProrationPreview;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.error;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for the subscription methods of {@link StripeBillingGateway}.
 */
class StripeBillingGatewaySubscriptionTests {

	private static final String SUBSCRIPTION_PATH = "/v1/subscriptions/sub_1MowQVLkdIwHu7ix";

	private static final String SUBSCRIPTION_ID = "sub_1MowQVLkdIwHu7ix";

	private static final String EXPAND = "items.data.price.product";

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingGateway gateway;

	@BeforeEach
	void createGateway() {
		this.gateway = StripeTestSupport.gateway(stripe);
	}

	private static String subscription(Consumer<ObjectNode> edit) {
		return fixture("subscription.json", edit);
	}

	private static ObjectNode firstItem(ObjectNode subscription) {
		return (ObjectNode) subscription.get("items").get("data").get(0);
	}

	private static PortalErrorCode errorCode(Runnable call) {
		PortalException ex = catchThrowableOfType(PortalException.class, call::run);
		assertThat(ex).as("PortalException").isNotNull();
		return ex.getErrorCode();
	}

	@Test
	void listSubscriptionsThenListsEveryStatusAndFetchesTheirProductsInOneMoreCall() {
		String active = subscription((subscription) -> firstItem(subscription).withObject("price").put("product",
				"prod_Pro"));
		String canceled = subscription((subscription) -> {
			subscription.put("id", "sub_Old");
			subscription.put("status", "canceled");
			subscription.put("ended_at", 1780000000);
			ObjectNode price = firstItem(subscription).withObject("price");
			price.put("id", "price_BasicMonthly");
			price.put("product", "prod_Basic");
		});
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions"))
			.willReturn(json(list("/v1/subscriptions", false, active, canceled))));
		stripe.stubFor(get(urlPathEqualTo("/v1/products")).willReturn(json(list("/v1/products", false,
				fixture("product.json"), fixture("product.json", (product) -> product.put("id", "prod_Basic")
					.put("name", "Basic"))))));

		List<Subscription> subscriptions = this.gateway.listSubscriptions("cus_NffrFeUfNV2Hib");

		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).hasSize(2);
		requests.forEach(StripeTestSupport.Recorded::assertStripeHeaders);
		assertThat(requests.get(0).method()).isEqualTo("GET");
		assertThat(requests.get(0).path()).isEqualTo("/v1/subscriptions");
		assertThat(requests.get(0).params())
			.isEqualTo(Map.of("customer", "cus_NffrFeUfNV2Hib", "status", "all", "limit", "100"));
		assertThat(requests.get(1).method()).isEqualTo("GET");
		assertThat(requests.get(1).path()).isEqualTo("/v1/products");
		assertThat(requests.get(1).params())
			.isEqualTo(Map.of("ids[0]", "prod_Pro", "ids[1]", "prod_Basic", "limit", "100"));
		assertThat(subscriptions).extracting(Subscription::id).containsExactly(SUBSCRIPTION_ID, "sub_Old");
		assertThat(subscriptions).extracting((subscription) -> subscription.price().product().name())
			.containsExactly("Pro", "Basic");
		assertThat(subscriptions.get(1).status()).isEqualTo(SubscriptionStatus.CANCELED);
		assertThat(subscriptions.get(1).endedAt()).isEqualTo(Instant.ofEpochSecond(1780000000));
	}

	@Test
	void listSubscriptionsAgainThenProductsFetchedRecentlyAreNotAskedAgain() {
		String active = subscription((subscription) -> firstItem(subscription).withObject("price").put("product",
				"prod_Pro"));
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions"))
			.willReturn(json(list("/v1/subscriptions", false, active))));
		stripe.stubFor(get(urlPathEqualTo("/v1/products"))
			.willReturn(json(list("/v1/products", false, fixture("product.json")))));

		this.gateway.listSubscriptions("cus_NffrFeUfNV2Hib");
		List<Subscription> again = this.gateway.listSubscriptions("cus_Other1");

		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::path)
			.containsExactly("/v1/subscriptions", "/v1/products", "/v1/subscriptions");
		assertThat(again.get(0).price().product().name()).isEqualTo("Pro");
	}

	@Test
	void findSubscriptionThenExpandsTheProductAndTakesThePeriodFromTheItem() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));

		Subscription subscription = this.gateway.findSubscription(SUBSCRIPTION_ID).orElseThrow();

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo(SUBSCRIPTION_PATH);
		assertThat(request.params()).isEqualTo(Map.of("expand[0]", EXPAND));
		Price price = new Price("price_ProMonthly",
				new Product("prod_Pro", "Pro", "For growing teams", true, Map.of("entitlements", "reports,api")),
				"Pro monthly", "usd", 2000, BillingInterval.MONTH, 1, true,
				Map.of("entitlements", "priority-support"));
		assertThat(subscription).isEqualTo(new Subscription(SUBSCRIPTION_ID, "cus_NffrFeUfNV2Hib",
				SubscriptionStatus.ACTIVE, price, 3, Instant.ofEpochSecond(1786000000),
				Instant.ofEpochSecond(1788678400), false, null, null, null, Instant.ofEpochSecond(1783600000), null,
				"pm_1Visa4242", "in_1MtHbELkdIwHu7ix", Instant.ofEpochSecond(1783000000)));
	}

	@Test
	void findSubscriptionWhenCollectionPausedThenPausedUntilResumesAt() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription
			.putObject("pause_collection")
			.put("behavior", "void")
			.put("resumes_at", 1790000000)))));

		Subscription subscription = this.gateway.findSubscription(SUBSCRIPTION_ID).orElseThrow();

		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.PAUSED);
		assertThat(subscription.resumesAt()).isEqualTo(Instant.ofEpochSecond(1790000000));
	}

	@Test
	void findSubscriptionWhenStatusPausedThenPaused() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription.put("status", "paused")))));

		assertThat(this.gateway.findSubscription(SUBSCRIPTION_ID)).get()
			.extracting(Subscription::status)
			.isEqualTo(SubscriptionStatus.PAUSED);
	}

	@Test
	void findSubscriptionWhenCancellingWithFeedbackThenCarriesTheReason() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(subscription((subscription) -> {
			subscription.put("cancel_at_period_end", true);
			subscription.put("cancel_at", 1788678400);
			subscription.put("canceled_at", 1787000000);
			subscription.putObject("cancellation_details")
				.put("feedback", "too_expensive")
				.put("comment", "Over budget")
				.put("reason", "cancellation_requested");
		}))));

		Subscription subscription = this.gateway.findSubscription(SUBSCRIPTION_ID).orElseThrow();

		assertThat(subscription.cancelAtPeriodEnd()).isTrue();
		assertThat(subscription.canceledAt()).isEqualTo(Instant.ofEpochSecond(1787000000));
		assertThat(subscription.cancellationReason()).isEqualTo(new CancellationReason("too_expensive", "Over budget"));
	}

	@Test
	void findSubscriptionWhenUnknownThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_missing"))
			.willReturn(resourceMissing("subscription: 'sub_missing'", null)));

		assertThat(this.gateway.findSubscription("sub_missing")).isEmpty();
	}

	@Test
	void cancelWhenPeriodEndThenPostsCancelAtPeriodEndAndDetailsWithIdempotencyKey() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription.put("cancel_at_period_end", true)))));

		Subscription subscription = this.gateway.cancel(SUBSCRIPTION_ID, CancelTiming.PERIOD_END,
				new CancellationReason("too_expensive", "Over budget"), "cancel:sub_1:1");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(SUBSCRIPTION_PATH);
		assertThat(request.params()).isEqualTo(Map.of("cancel_at_period_end", "true",
				"cancellation_details[feedback]", "too_expensive", "cancellation_details[comment]", "Over budget",
				"expand[0]", EXPAND));
		assertThat(request.idempotencyKey()).isEqualTo("cancel:sub_1:1");
		assertThat(subscription.cancelAtPeriodEnd()).isTrue();
	}

	@Test
	void cancelWhenFeedbackUnknownToStripeThenSendsOther() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));

		this.gateway.cancel(SUBSCRIPTION_ID, CancelTiming.PERIOD_END, new CancellationReason("moving_abroad", null),
				"cancel:sub_1:2");

		assertThat(onlyRequest(stripe).params()).isEqualTo(Map.of("cancel_at_period_end", "true",
				"cancellation_details[feedback]", "other", "expand[0]", EXPAND));
	}

	@Test
	void cancelWhenImmediatelyThenDeletesWithDetailsAndIdempotencyKey() {
		stripe.stubFor(delete(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(subscription((subscription) -> {
			subscription.put("status", "canceled");
			subscription.put("canceled_at", 1787220000);
			subscription.put("ended_at", 1787220000);
		}))));

		Subscription subscription = this.gateway.cancel(SUBSCRIPTION_ID, CancelTiming.IMMEDIATELY,
				new CancellationReason("unused", null), "cancel:sub_1:3");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("DELETE");
		assertThat(request.path()).isEqualTo(SUBSCRIPTION_PATH);
		assertThat(request.params())
			.isEqualTo(Map.of("cancellation_details[feedback]", "unused", "expand[0]", EXPAND));
		assertThat(request.idempotencyKey()).isEqualTo("cancel:sub_1:3");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.CANCELED);
	}

	@Test
	void cancelWhenNoReasonThenSendsNoCancellationDetails() {
		stripe.stubFor(delete(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));

		this.gateway.cancel(SUBSCRIPTION_ID, CancelTiming.IMMEDIATELY, CancellationReason.NONE, "cancel:sub_1:4");

		assertThat(onlyRequest(stripe).params()).isEqualTo(Map.of("expand[0]", EXPAND));
	}

	@Test
	void cancelWhenStripeRefusesAnEndedSubscriptionThenInvalidSubscriptionState() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(error(400, "invalid_request_error", null,
				"A canceled subscription can only update its cancellation_details and metadata.", null, null)));
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription.put("status", "canceled")))));

		PortalErrorCode code = errorCode(() -> this.gateway.cancel(SUBSCRIPTION_ID, CancelTiming.PERIOD_END,
				CancellationReason.NONE, "cancel:sub_1:5"));

		assertThat(code).isEqualTo(PortalErrorCode.INVALID_SUBSCRIPTION_STATE);
		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::method).containsExactly("POST", "GET");
	}

	@Test
	void cancelWhenStripeRefusesAnActiveSubscriptionThenInvalidRequest() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(error(400, "invalid_request_error", "parameter_invalid_empty", "Bad", "comment", null)));
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));

		assertThat(errorCode(() -> this.gateway.cancel(SUBSCRIPTION_ID, CancelTiming.PERIOD_END,
				CancellationReason.NONE, "cancel:sub_1:6")))
			.isEqualTo(PortalErrorCode.INVALID_REQUEST);
	}

	@Test
	void cancelWhenUnknownThenSubscriptionNotFound() {
		stripe.stubFor(delete(urlPathEqualTo("/v1/subscriptions/sub_missing"))
			.willReturn(resourceMissing("subscription: 'sub_missing'", null)));

		assertThat(errorCode(() -> this.gateway.cancel("sub_missing", CancelTiming.IMMEDIATELY,
				CancellationReason.NONE, "cancel:missing")))
			.isEqualTo(PortalErrorCode.SUBSCRIPTION_NOT_FOUND);
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void reactivateWhenCancellingThenGetsItAndPostsCancelAtPeriodEndFalseWithIdempotencyKey() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription.put("cancel_at_period_end", true)))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));

		Subscription subscription = this.gateway.reactivate(SUBSCRIPTION_ID, "reactivate:sub_1:1");

		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).method()).isEqualTo("GET");
		assertThat(requests.get(0).params()).isEqualTo(Map.of("expand[0]", EXPAND));
		assertThat(requests.get(0).idempotencyKey()).isNull();
		StripeTestSupport.Recorded update = requests.get(1).assertStripeHeaders();
		assertThat(update.method()).isEqualTo("POST");
		assertThat(update.path()).isEqualTo(SUBSCRIPTION_PATH);
		assertThat(update.params()).isEqualTo(Map.of("cancel_at_period_end", "false", "expand[0]", EXPAND));
		assertThat(update.idempotencyKey()).isEqualTo("reactivate:sub_1:1");
		assertThat(subscription.cancelAtPeriodEnd()).isFalse();
	}

	@Test
	void reactivateWhenEndedThenInvalidSubscriptionStateWithoutUpdating() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription.put("status", "canceled")))));

		assertThat(errorCode(() -> this.gateway.reactivate(SUBSCRIPTION_ID, "reactivate:sub_1:2")))
			.isEqualTo(PortalErrorCode.INVALID_SUBSCRIPTION_STATE);
		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::method).containsExactly("GET");
	}

	@Test
	void reactivateWhenNotCancellingThenInvalidSubscriptionState() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));

		assertThat(errorCode(() -> this.gateway.reactivate(SUBSCRIPTION_ID, "reactivate:sub_1:3")))
			.isEqualTo(PortalErrorCode.INVALID_SUBSCRIPTION_STATE);
	}

	@Test
	void reactivateWhenRetriedAfterItSucceededThenAnswersStripesReplay() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(fixture("subscription.json")).withHeader("Idempotent-Replayed", "true")));

		Subscription subscription = this.gateway.reactivate(SUBSCRIPTION_ID, "reactivate:sub_1:4");

		assertThat(subscription.cancelAtPeriodEnd()).isFalse();
		assertThat(requests(stripe).get(1).idempotencyKey()).isEqualTo("reactivate:sub_1:4");
	}

	@Test
	void pauseThenPostsPauseCollectionVoidUntilResumesAtWithIdempotencyKey() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription
			.putObject("pause_collection")
			.put("behavior", "void")
			.put("resumes_at", 1790000000)))));

		Subscription subscription = this.gateway.pause(SUBSCRIPTION_ID, Instant.ofEpochSecond(1790000000),
				"pause:sub_1:1");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(SUBSCRIPTION_PATH);
		assertThat(request.params()).isEqualTo(Map.of("pause_collection[behavior]", "void",
				"pause_collection[resumes_at]", "1790000000", "expand[0]", EXPAND));
		assertThat(request.idempotencyKey()).isEqualTo("pause:sub_1:1");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.PAUSED);
		assertThat(subscription.resumesAt()).isEqualTo(Instant.ofEpochSecond(1790000000));
	}

	@Test
	void pauseWhenNoResumeDateThenPausesUntilResumed() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription.putObject("pause_collection")
				.put("behavior", "void")
				.putNull("resumes_at")))));

		Subscription subscription = this.gateway.pause(SUBSCRIPTION_ID, null, "pause:sub_1:2");

		assertThat(onlyRequest(stripe).params())
			.isEqualTo(Map.of("pause_collection[behavior]", "void", "expand[0]", EXPAND));
		assertThat(subscription.resumesAt()).isNull();
	}

	@Test
	void resumeWhenCollectionPausedThenGetsItAndUnsetsPauseCollectionWithIdempotencyKey() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(
				subscription((subscription) -> subscription.putObject("pause_collection").put("behavior", "void")))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));

		Subscription subscription = this.gateway.resume(SUBSCRIPTION_ID, "resume:sub_1:1");

		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).extracting(StripeTestSupport.Recorded::method).containsExactly("GET", "POST");
		StripeTestSupport.Recorded update = requests.get(1).assertStripeHeaders();
		assertThat(update.path()).isEqualTo(SUBSCRIPTION_PATH);
		assertThat(update.params()).isEqualTo(Map.of("pause_collection", "", "expand[0]", EXPAND));
		assertThat(update.idempotencyKey()).isEqualTo("resume:sub_1:1");
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
	}

	@Test
	void resumeWhenStatusPausedThenPostsResume() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription.put("status", "paused")))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH + "/resume"))
			.willReturn(json(fixture("subscription.json"))));

		this.gateway.resume(SUBSCRIPTION_ID, "resume:sub_1:2");

		StripeTestSupport.Recorded resume = requests(stripe).get(1).assertStripeHeaders();
		assertThat(resume.method()).isEqualTo("POST");
		assertThat(resume.path()).isEqualTo(SUBSCRIPTION_PATH + "/resume");
		assertThat(resume.params()).isEqualTo(Map.of("expand[0]", EXPAND));
		assertThat(resume.idempotencyKey()).isEqualTo("resume:sub_1:2");
	}

	@Test
	void resumeWhenEndedThenInvalidSubscriptionState() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription.put("status", "incomplete_expired")))));

		assertThat(errorCode(() -> this.gateway.resume(SUBSCRIPTION_ID, "resume:sub_1:3")))
			.isEqualTo(PortalErrorCode.INVALID_SUBSCRIPTION_STATE);
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void changePriceThenPostsItemPriceProrationAndErrorIfIncompleteWithIdempotencyKey() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(subscription(
				(subscription) -> firstItem(subscription).withObject("price").put("id", "price_ProYearly")))));

		Subscription subscription = this.gateway.changePrice(SUBSCRIPTION_ID, "price_ProYearly",
				ProrationBehavior.ALWAYS_INVOICE, "change:sub_1:1");

		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).extracting(StripeTestSupport.Recorded::method).containsExactly("GET", "POST");
		StripeTestSupport.Recorded update = requests.get(1).assertStripeHeaders();
		assertThat(update.path()).isEqualTo(SUBSCRIPTION_PATH);
		assertThat(update.params()).isEqualTo(Map.of("items[0][id]", "si_ProItem", "items[0][price]",
				"price_ProYearly", "proration_behavior", "always_invoice", "payment_behavior", "error_if_incomplete",
				"expand[0]", EXPAND));
		assertThat(update.idempotencyKey()).isEqualTo("change:sub_1:1");
		assertThat(subscription.price().id()).isEqualTo("price_ProYearly");
	}

	@Test
	void changeWithQuantityThenPostsTheItemsQuantityBesideItsPrice() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> firstItem(subscription).put("quantity", 7)))));

		Subscription subscription = this.gateway.change(SUBSCRIPTION_ID, "price_ProMonthly", 7,
				ProrationBehavior.CREATE_PRORATIONS, "change:sub_1:seats");

		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).extracting(StripeTestSupport.Recorded::method).containsExactly("GET", "POST");
		StripeTestSupport.Recorded update = requests.get(1).assertStripeHeaders();
		assertThat(update.params()).isEqualTo(Map.of("items[0][id]", "si_ProItem", "items[0][price]",
				"price_ProMonthly", "items[0][quantity]", "7", "proration_behavior", "create_prorations",
				"payment_behavior", "error_if_incomplete", "expand[0]", EXPAND));
		assertThat(update.idempotencyKey()).isEqualTo("change:sub_1:seats");
		assertThat(subscription.quantity()).isEqualTo(7);
	}

	@Test
	void previewChangeWithQuantityThenPreviewsTheItemsQuantity() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_ProMonthly"))
			.willReturn(json(fixture("price.json", (price) -> price.put("id", "price_ProMonthly")))));
		stripe.stubFor(post(urlPathEqualTo("/v1/invoices/create_preview"))
			.willReturn(json(fixture("invoice-preview.json"))));

		ProrationPreview preview = this.gateway.previewChange(SUBSCRIPTION_ID, "price_ProMonthly", 5,
				ProrationBehavior.CREATE_PRORATIONS);

		StripeTestSupport.Recorded request = requests(stripe).stream()
			.filter((recorded) -> recorded.path().equals("/v1/invoices/create_preview"))
			.findFirst()
			.orElseThrow()
			.assertStripeHeaders();
		assertThat(request.params()).isEqualTo(Map.of("customer", "cus_NffrFeUfNV2Hib", "subscription",
				SUBSCRIPTION_ID, "subscription_details[items][0][id]", "si_ProItem",
				"subscription_details[items][0][price]", "price_ProMonthly",
				"subscription_details[items][0][quantity]", "5", "subscription_details[proration_behavior]",
				"create_prorations"));
		assertThat(preview.quantity()).isEqualTo(5);
	}

	@Test
	void changePriceWhenTheChargeIsDeclinedThenPaymentFailed() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(
				error(402, "card_error", "card_declined", "Your card was declined.", null, "insufficient_funds")));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.changePrice(SUBSCRIPTION_ID, "price_ProYearly", ProrationBehavior.ALWAYS_INVOICE,
						"change:sub_1:2"));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PAYMENT_FAILED);
		assertThat(ex.getMessage()).contains("insufficient_funds");
	}

	@Test
	void changePriceWhenThePriceIsUnknownThenPriceNotAvailable() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(resourceMissing("price: 'price_missing'", "items[0][price]")));

		assertThat(errorCode(() -> this.gateway.changePrice(SUBSCRIPTION_ID, "price_missing",
				ProrationBehavior.CREATE_PRORATIONS, "change:sub_1:3")))
			.isEqualTo(PortalErrorCode.PRICE_NOT_AVAILABLE);
	}

	@Test
	void changePriceWhenEndedThenInvalidSubscriptionStateWithoutUpdating() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH))
			.willReturn(json(subscription((subscription) -> subscription.put("status", "canceled")))));

		assertThat(errorCode(() -> this.gateway.changePrice(SUBSCRIPTION_ID, "price_ProYearly",
				ProrationBehavior.CREATE_PRORATIONS, "change:sub_1:4")))
			.isEqualTo(PortalErrorCode.INVALID_SUBSCRIPTION_STATE);
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void previewPriceChangeThenPostsCreatePreviewAndSumsTheProrationLines() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_BusinessMonthly"))
			.willReturn(json(fixture("price.json", (price) -> {
				price.put("id", "price_BusinessMonthly");
				price.put("unit_amount", 5000);
				price.withObject("product").put("id", "prod_Business").put("name", "Business");
			}))));
		stripe.stubFor(post(urlPathEqualTo("/v1/invoices/create_preview"))
			.willReturn(json(fixture("invoice-preview.json"))));

		ProrationPreview preview = this.gateway.previewPriceChange(SUBSCRIPTION_ID, "price_BusinessMonthly",
				ProrationBehavior.CREATE_PRORATIONS);

		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).extracting(StripeTestSupport.Recorded::path)
			.containsExactly(SUBSCRIPTION_PATH, "/v1/prices/price_BusinessMonthly", "/v1/invoices/create_preview");
		StripeTestSupport.Recorded request = requests.get(2).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.params()).isEqualTo(Map.of("customer", "cus_NffrFeUfNV2Hib", "subscription",
				SUBSCRIPTION_ID, "subscription_details[items][0][id]", "si_ProItem",
				"subscription_details[items][0][price]", "price_BusinessMonthly",
				"subscription_details[proration_behavior]", "create_prorations"));
		assertThat(preview.subscriptionId()).isEqualTo(SUBSCRIPTION_ID);
		assertThat(preview.newPrice().id()).isEqualTo("price_BusinessMonthly");
		assertThat(preview.newPrice().product().name()).isEqualTo("Business");
		assertThat(preview.prorationAmount()).isEqualTo(3000);
		assertThat(preview.nextInvoiceTotal()).isEqualTo(18000);
		assertThat(preview.currency()).isEqualTo("usd");
		// Same interval, prorations on the next invoice: at the end of the current period.
		assertThat(preview.nextInvoiceAt()).isEqualTo(Instant.ofEpochSecond(1788678400));
		assertThat(preview.lines()).extracting(InvoiceLine::proration).containsExactly(true, true, false);
		assertThat(preview.lines().get(1)).isEqualTo(new InvoiceLine(
				"Remaining time on 3 × Business after 20 Aug 2026", 9000, 3, "price_BusinessMonthly", true,
				Instant.ofEpochSecond(1787220000), Instant.ofEpochSecond(1788678400)));
	}

	@Test
	void previewPriceChangeWhenTheIntervalChangesThenTheInvoiceIsNow() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_ProYearly")).willReturn(json(fixture("price.json",
				(price) -> price.put("id", "price_ProYearly").withObject("recurring").put("interval", "year")))));
		stripe.stubFor(post(urlPathEqualTo("/v1/invoices/create_preview"))
			.willReturn(json(fixture("invoice-preview.json"))));

		ProrationPreview preview = this.gateway.previewPriceChange(SUBSCRIPTION_ID, "price_ProYearly",
				ProrationBehavior.CREATE_PRORATIONS);

		assertThat(preview.nextInvoiceAt()).isEqualTo(StripeTestSupport.NOW);
	}

	@Test
	void previewPriceChangeWhenThePriceIsUnknownThenPriceNotAvailableWithoutPreviewing() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_missing"))
			.willReturn(resourceMissing("price: 'price_missing'", null)));

		assertThat(errorCode(() -> this.gateway.previewPriceChange(SUBSCRIPTION_ID, "price_missing",
				ProrationBehavior.CREATE_PRORATIONS)))
			.isEqualTo(PortalErrorCode.PRICE_NOT_AVAILABLE);
		assertThat(requests(stripe)).hasSize(2);
	}

}
