package io.recurportal.billing.stripe;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import io.recurportal.billing.Discount;
import io.recurportal.billing.RetentionCoupon;
import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.object;
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The retention offer against Stripe's API: a coupon's terms, applying it as the
 * subscription's discount, and the {@code recur_retention_offer} metadata.
 */
class StripeBillingGatewayRetentionOfferTests {

	private static final String SUBSCRIPTION_ID = "sub_1MowQVLkdIwHu7ix";

	private static final String SUBSCRIPTION_PATH = "/v1/subscriptions/" + SUBSCRIPTION_ID;

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingGateway gateway;

	@BeforeEach
	void createGateway() {
		this.gateway = StripeTestSupport.gateway(stripe);
	}

	// The subscription as Stripe answers with discounts.source.coupon expanded.
	private static String discounted(String couponJson) {
		return fixture("subscription.json", (subscription) -> {
			ObjectNode discount = object(fixture("discount.json"));
			ObjectNode coupon = object(couponJson);
			discount.withObject("source").set("coupon", coupon);
			discount.withObject("source").put("type", "coupon");
			subscription.putArray("discounts").add(discount);
			subscription.withObject("metadata").put("recur_retention_offer", "accepted");
		});
	}

	@Test
	void describeWhenCouponIdThenReadsTheCouponsTerms() {
		stripe.stubFor(get(urlPathEqualTo("/v1/coupons/STAY-25")).willReturn(json(fixture("coupon.json"))));

		Discount discount = this.gateway.describeRetentionCoupon(new RetentionCoupon("STAY-25", null, null))
			.orElseThrow();

		assertThat(onlyRequest(stripe).assertStripeHeaders().method()).isEqualTo("GET");
		assertThat(discount.couponId()).isEqualTo("STAY-25");
		assertThat(discount.percentOff()).isEqualByComparingTo(BigDecimal.valueOf(25));
		assertThat(discount.durationInMonths()).isEqualTo(3);
	}

	@Test
	void describeWhenCouponUnknownOrNoLongerValidThenNoOffer() {
		stripe.stubFor(get(urlPathEqualTo("/v1/coupons/GONE")).willReturn(resourceMissing("coupon: 'GONE'", "id")));
		stripe.stubFor(get(urlPathEqualTo("/v1/coupons/STAY-25"))
			.willReturn(json(fixture("coupon.json", (coupon) -> coupon.put("valid", false)))));

		assertThat(this.gateway.describeRetentionCoupon(new RetentionCoupon("GONE", null, null))).isEmpty();
		assertThat(this.gateway.describeRetentionCoupon(new RetentionCoupon("STAY-25", null, null))).isEmpty();
	}

	@Test
	void describeWhenPercentageThenNoCall() {
		Discount discount = this.gateway.describeRetentionCoupon(new RetentionCoupon(null, 20, 3)).orElseThrow();

		assertThat(requests(stripe)).isEmpty();
		assertThat(discount.percentOff()).isEqualByComparingTo(BigDecimal.valueOf(20));
		assertThat(discount.durationInMonths()).isEqualTo(3);
	}

	@Test
	void applyWhenCouponIdThenSetsTheDiscountAndMetadataWithTheKey() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(discounted(fixture("coupon.json")))));

		Subscription subscription = this.gateway.applyRetentionOffer(SUBSCRIPTION_ID,
				new RetentionCoupon("STAY-25", null, null), "offer:sub_1:1");

		StripeTestSupport.Recorded update = requests(stripe).get(1).assertStripeHeaders();
		assertThat(update.method()).isEqualTo("POST");
		assertThat(update.params()).isEqualTo(Map.of("discounts[0][coupon]", "STAY-25",
				"metadata[recur_retention_offer]", "accepted", "expand[0]", "items.data.price.product", "expand[1]",
				"discounts.source.coupon"));
		assertThat(update.idempotencyKey()).isEqualTo("offer:sub_1:1");
		assertThat(subscription.retentionOffer()).isEqualTo(RetentionOfferStatus.ACCEPTED);
		assertThat(subscription.discount().couponId()).isEqualTo("STAY-25");
		assertThat(subscription.discount().percentOff()).isEqualByComparingTo(BigDecimal.valueOf(25));
		assertThat(subscription.discount().durationInMonths()).isEqualTo(3);
		assertThat(subscription.discount().end()).isEqualTo(Instant.ofEpochSecond(1795000000));
	}

	@Test
	void applyWhenPercentageThenCreatesTheCouponWithItsOwnKeyFirst() {
		String created = fixture("coupon.json", (coupon) -> coupon.put("id", "Zq3retention").put("percent_off", 20.0));
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json"))));
		stripe.stubFor(post(urlPathEqualTo("/v1/coupons")).willReturn(json(created)));
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(discounted(created))));

		Subscription subscription = this.gateway.applyRetentionOffer(SUBSCRIPTION_ID, new RetentionCoupon(null, 20, 3),
				"offer:sub_1:2");

		StripeTestSupport.Recorded coupon = requests(stripe).get(1).assertStripeHeaders();
		assertThat(coupon.path()).isEqualTo("/v1/coupons");
		assertThat(coupon.params()).containsEntry("percent_off", "20")
			.containsEntry("duration", "repeating")
			.containsEntry("duration_in_months", "3");
		assertThat(coupon.idempotencyKey()).isNotNull().isNotEqualTo("offer:sub_1:2");
		assertThat(requests(stripe).get(2).params()).containsEntry("discounts[0][coupon]", "Zq3retention");
		assertThat(subscription.discount().percentOff()).isEqualByComparingTo(BigDecimal.valueOf(20));
	}

	@Test
	void applyWhenAcceptedBeforeThenRefusedWithoutAnUpdate() {
		stripe.stubFor(get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(discounted(fixture("coupon.json")))));

		PortalException ex = catchThrowableOfType(PortalException.class, () -> this.gateway
			.applyRetentionOffer(SUBSCRIPTION_ID, new RetentionCoupon("STAY-25", null, null), "offer:sub_1:3"));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE);
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void recordThenPostsTheMetadata() {
		stripe.stubFor(post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json",
				(subscription) -> subscription.withObject("metadata").put("recur_retention_offer", "declined")))));

		Subscription subscription = this.gateway.recordRetentionOffer(SUBSCRIPTION_ID, RetentionOfferStatus.DECLINED,
				"declined:sub_1");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.params()).isEqualTo(Map.of("metadata[recur_retention_offer]", "declined", "expand[0]",
				"items.data.price.product"));
		assertThat(request.idempotencyKey()).isEqualTo("declined:sub_1");
		assertThat(subscription.retentionOffer()).isEqualTo(RetentionOfferStatus.DECLINED);
		assertThat(subscription.discount()).isNull();
	}

}
