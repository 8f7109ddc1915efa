package io.recurportal.billing.stripe;

import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.object;
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for the checkout methods of {@link StripeBillingGateway}.
 */
class StripeBillingGatewayCheckoutTests {

	private static final String CUSTOMER_ID = "cus_NffrFeUfNV2Hib";

	private static final String SUCCESS_URL = "https://app.example.com/portal?checkout=done";

	private static final String CANCEL_URL = "https://app.example.com/portal";

	private static final String SESSION_PATH = "/v1/checkout/sessions/cs_test_a1Recur";

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingGateway gateway;

	@BeforeEach
	void createGateway() {
		this.gateway = StripeTestSupport.gateway(stripe);
	}

	@Test
	void createCheckoutSessionWhenSubscriptionThenPostsOnePriceCustomerUrlsAndMetadataWithIdempotencyKey() {
		stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions"))
			.willReturn(json(fixture("checkout-session.json"))));

		CheckoutSession session = this.gateway.createCheckoutSession(
				new CheckoutSessionRequest(CheckoutMode.SUBSCRIPTION, CUSTOMER_ID, "price_ProMonthly", null,
						SUCCESS_URL, CANCEL_URL, Map.of("portal_action", "checkout")),
				"checkout:acct-42:1");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1/checkout/sessions");
		assertThat(request.params()).isEqualTo(Map.of("mode", "subscription", "customer", CUSTOMER_ID,
				"line_items[0][price]", "price_ProMonthly", "line_items[0][quantity]", "1", "success_url", SUCCESS_URL,
				"cancel_url", CANCEL_URL, "metadata[portal_action]", "checkout"));
		assertThat(request.idempotencyKey()).isEqualTo("checkout:acct-42:1");
		assertThat(session).isEqualTo(new CheckoutSession("cs_test_a1Recur", CheckoutMode.SUBSCRIPTION,
				CheckoutStatus.OPEN, "https://checkout.stripe.com/c/pay/cs_test_a1Recur#fidkdWxOYHwnPyd1blpxYHZxWjA0",
				CUSTOMER_ID, "price_ProMonthly", null, null, SUCCESS_URL, CANCEL_URL,
				Instant.ofEpochSecond(1787306400)));
	}

	@Test
	void createCheckoutSessionWhenSetupThenPostsCardsOnlyAndTheSubscriptionInTheSetupIntentMetadata() {
		stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(json(fixture("checkout-session.json",
				(session) -> session.put("mode", "setup").putNull("amount_total").putNull("currency")))));

		CheckoutSession session = this.gateway.createCheckoutSession(new CheckoutSessionRequest(CheckoutMode.SETUP,
				CUSTOMER_ID, null, "sub_1MowQVLkdIwHu7ix", SUCCESS_URL, CANCEL_URL, Map.of()), "card:acct-42:1");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.params()).isEqualTo(Map.of("mode", "setup", "customer", CUSTOMER_ID,
				"payment_method_types[0]", "card", "setup_intent_data[metadata][subscription_id]",
				"sub_1MowQVLkdIwHu7ix", "success_url", SUCCESS_URL, "cancel_url", CANCEL_URL));
		assertThat(request.idempotencyKey()).isEqualTo("card:acct-42:1");
		assertThat(session.mode()).isEqualTo(CheckoutMode.SETUP);
		assertThat(session.subscriptionId()).isEqualTo("sub_1MowQVLkdIwHu7ix");
		assertThat(session.priceId()).isNull();
	}

	@Test
	void createCheckoutSessionWhenSetupInACurrencyThenPostsTheCurrencySoStripeOffersEveryEnabledMethod() {
		stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(json(fixture("checkout-session.json",
				(session) -> session.put("mode", "setup").putNull("amount_total").put("currency", "eur")))));

		this.gateway.createCheckoutSession(new CheckoutSessionRequest(CheckoutMode.SETUP, CUSTOMER_ID, null,
				"sub_1MowQVLkdIwHu7ix", SUCCESS_URL, CANCEL_URL, Map.of(), "eur"), "card:acct-42:2");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.params()).isEqualTo(Map.of("mode", "setup", "customer", CUSTOMER_ID, "currency", "eur",
				"setup_intent_data[metadata][subscription_id]", "sub_1MowQVLkdIwHu7ix", "success_url", SUCCESS_URL,
				"cancel_url", CANCEL_URL));
	}

	@Test
	void createCheckoutSessionWhenThePriceIsUnknownThenPriceNotAvailable() {
		stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions"))
			.willReturn(resourceMissing("price: 'price_missing'", "line_items[0][price]")));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.createCheckoutSession(new CheckoutSessionRequest(CheckoutMode.SUBSCRIPTION,
						CUSTOMER_ID, "price_missing", null, SUCCESS_URL, CANCEL_URL, Map.of()), "checkout:2"));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PRICE_NOT_AVAILABLE);
	}

	@Test
	void createCheckoutSessionWhenTheCustomerIsUnknownThenCustomerNotFound() {
		stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions"))
			.willReturn(resourceMissing("customer: 'cus_missing'", "customer")));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.createCheckoutSession(new CheckoutSessionRequest(CheckoutMode.SETUP, "cus_missing",
						null, null, SUCCESS_URL, CANCEL_URL, Map.of()), "checkout:3"));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.CUSTOMER_NOT_FOUND);
	}

	@Test
	void findCheckoutSessionWhenSubscriptionCompleteThenExpandsAndAnswersTheSubscriptionPriceAndCard() {
		stripe.stubFor(get(urlPathEqualTo(SESSION_PATH)).willReturn(json(fixture("checkout-session.json", (session) -> {
			session.put("status", "complete");
			session.put("payment_status", "paid");
			session.putNull("url");
			session.set("subscription", object(fixture("subscription.json")));
			String lineItem = "{\"id\": \"li_1Recur\", \"object\": \"item\", \"amount_discount\": 0,"
					+ " \"amount_subtotal\": 2000, \"amount_tax\": 0, \"amount_total\": 2000, \"currency\": \"usd\","
					+ " \"description\": \"Pro\", \"price\": " + fixture("price.json") + ", \"quantity\": 1}";
			session.set("line_items",
					object(list("/v1/checkout/sessions/cs_test_a1Recur/line_items", false, lineItem)));
		}))));

		CheckoutSession session = this.gateway.findCheckoutSession("cs_test_a1Recur").orElseThrow();

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo(SESSION_PATH);
		assertThat(request.params())
			.isEqualTo(Map.of("expand[0]", "line_items", "expand[1]", "setup_intent", "expand[2]", "subscription"));
		assertThat(session).isEqualTo(new CheckoutSession("cs_test_a1Recur", CheckoutMode.SUBSCRIPTION,
				CheckoutStatus.COMPLETE, null, CUSTOMER_ID, "price_ProMonthly", "sub_1MowQVLkdIwHu7ix", "pm_1Visa4242",
				SUCCESS_URL, CANCEL_URL, Instant.ofEpochSecond(1787306400)));
	}

	@Test
	void findCheckoutSessionWhenSetupCompleteThenAnswersTheSavedCardAndTheSubscriptionItIsFor() {
		stripe.stubFor(get(urlPathEqualTo(SESSION_PATH)).willReturn(json(fixture("checkout-session.json", (session) -> {
			session.put("mode", "setup");
			session.put("status", "complete");
			session.set("setup_intent", object(fixture("setup-intent.json")));
		}))));

		CheckoutSession session = this.gateway.findCheckoutSession("cs_test_a1Recur").orElseThrow();

		assertThat(session.mode()).isEqualTo(CheckoutMode.SETUP);
		assertThat(session.status()).isEqualTo(CheckoutStatus.COMPLETE);
		assertThat(session.paymentMethodId()).isEqualTo("pm_1NewMaster");
		assertThat(session.subscriptionId()).isEqualTo("sub_1MowQVLkdIwHu7ix");
	}

	@Test
	void findCheckoutSessionWhenExpiredThenExpired() {
		stripe.stubFor(get(urlPathEqualTo(SESSION_PATH))
			.willReturn(json(fixture("checkout-session.json", (session) -> session.put("status", "expired")))));

		assertThat(this.gateway.findCheckoutSession("cs_test_a1Recur")).get()
			.extracting(CheckoutSession::status)
			.isEqualTo(CheckoutStatus.EXPIRED);
	}

	@Test
	void findCheckoutSessionWhenUnknownThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_missing"))
			.willReturn(resourceMissing("checkout.session: 'cs_missing'", null)));

		assertThat(this.gateway.findCheckoutSession("cs_missing")).isEmpty();
	}

}
