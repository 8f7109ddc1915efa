package io.recurportal.billing.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.billing.BankAccount;
import io.recurportal.billing.Card;
import io.recurportal.billing.Customer;
import io.recurportal.billing.PaymentMethod;
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
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for the payment method methods of {@link StripeBillingGateway}.
 */
class StripeBillingGatewayPaymentMethodTests {

	private static final String CUSTOMER_ID = "cus_NffrFeUfNV2Hib";

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingGateway gateway;

	@BeforeEach
	void createGateway() {
		this.gateway = StripeTestSupport.gateway(stripe);
	}

	private static PortalErrorCode errorCode(Runnable call) {
		PortalException ex = catchThrowableOfType(PortalException.class, call::run);
		assertThat(ex).as("PortalException").isNotNull();
		return ex.getErrorCode();
	}

	@Test
	void listPaymentMethodsThenListsTheCustomersMethodsOfEveryType() {
		String newer = fixture("payment-method.json", (paymentMethod) -> {
			paymentMethod.put("id", "pm_1NewMaster");
			paymentMethod.put("created", 1787000000);
			paymentMethod.withObject("card").put("brand", "mastercard").put("last4", "4444");
		});
		String path = "/v1/customers/" + CUSTOMER_ID + "/payment_methods";
		stripe.stubFor(get(urlPathEqualTo(path)).willReturn(json(list(path, false, newer,
				fixture("payment-method-link.json"), fixture("payment-method-us-bank-account.json"),
				fixture("payment-method-sepa-debit.json"), fixture("payment-method.json")))));

		List<PaymentMethod> paymentMethods = this.gateway.listPaymentMethods(CUSTOMER_ID);

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo(path);
		assertThat(request.params()).isEqualTo(Map.of("limit", "100"));
		assertThat(paymentMethods).extracting(PaymentMethod::id)
			.containsExactly("pm_1NewMaster", "pm_1LinkJenny", "pm_1UsBank6789", "pm_1SepaDebit3000", "pm_1Visa4242");
		assertThat(paymentMethods.get(0).card()).isEqualTo(new Card("mastercard", "4444", 8, 2030));
		assertThat(paymentMethods.get(1)).isEqualTo(new PaymentMethod("pm_1LinkJenny", CUSTOMER_ID, "link", null,
				Instant.ofEpochSecond(1767484800), null));
		assertThat(paymentMethods.get(2).bankAccount()).isEqualTo(new BankAccount("STRIPE TEST BANK", "6789"));
		assertThat(paymentMethods.get(2).card()).isNull();
		assertThat(paymentMethods.get(3)).isEqualTo(new PaymentMethod("pm_1SepaDebit3000", CUSTOMER_ID, "sepa_debit",
				null, Instant.ofEpochSecond(1767312000), new BankAccount(null, "3000")));
	}

	@Test
	void detachPaymentMethodThenChecksItIsTheCustomersAndDetachesWithADerivedKey() {
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1SepaDebit3000"))
			.willReturn(json(fixture("payment-method-sepa-debit.json"))));
		stripe.stubFor(post(urlPathEqualTo("/v1/payment_methods/pm_1SepaDebit3000/detach")).willReturn(
				json(fixture("payment-method-sepa-debit.json", (paymentMethod) -> paymentMethod.putNull("customer")))));

		this.gateway.detachPaymentMethod(CUSTOMER_ID, "pm_1SepaDebit3000", "remove-pm:1");

		List<StripeTestSupport.Recorded> requests = requests(stripe);
		requests.forEach(StripeTestSupport.Recorded::assertStripeHeaders);
		assertThat(requests).extracting((request) -> request.method() + " " + request.path())
			.containsExactly("GET /v1/payment_methods/pm_1SepaDebit3000",
					"POST /v1/payment_methods/pm_1SepaDebit3000/detach");
		assertThat(requests.get(1).params()).isEmpty();
		assertThat(requests.get(1).idempotencyKey()).isEqualTo("remove-pm:1:detach");
	}

	@Test
	void detachPaymentMethodWhenItIsAnotherCustomersThenPaymentMethodNotFoundWithoutDetaching() {
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_Foreign")).willReturn(json(fixture(
				"payment-method.json",
				(paymentMethod) -> paymentMethod.put("id", "pm_Foreign").put("customer", "cus_SomeoneElse")))));

		assertThat(errorCode(() -> this.gateway.detachPaymentMethod(CUSTOMER_ID, "pm_Foreign", "remove-pm:2")))
			.isEqualTo(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND);
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void findPaymentMethodThenMapsTheCardButNeverItsNumber() {
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1Visa4242"))
			.willReturn(json(fixture("payment-method.json"))));

		PaymentMethod paymentMethod = this.gateway.findPaymentMethod("pm_1Visa4242").orElseThrow();

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/v1/payment_methods/pm_1Visa4242");
		assertThat(request.params()).isEmpty();
		assertThat(paymentMethod).isEqualTo(new PaymentMethod("pm_1Visa4242", CUSTOMER_ID, "card",
				new Card("visa", "4242", 8, 2030), Instant.ofEpochSecond(1767225600)));
	}

	@Test
	void findPaymentMethodWhenAttachedToNoCustomerThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_Detached")).willReturn(
				json(fixture("payment-method.json", (paymentMethod) -> paymentMethod.put("id", "pm_Detached")
					.putNull("customer")))));

		assertThat(this.gateway.findPaymentMethod("pm_Detached")).isEmpty();
	}

	@Test
	void findPaymentMethodWhenUnknownThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_missing"))
			.willReturn(resourceMissing("PaymentMethod: 'pm_missing'", null)));

		assertThat(this.gateway.findPaymentMethod("pm_missing")).isEmpty();
	}

	@Test
	void setDefaultPaymentMethodThenUpdatesTheCustomerAndLiveSubscriptionsNamingAnotherWithDerivedKeys() {
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_1NewMaster")).willReturn(json(
				fixture("payment-method.json", (paymentMethod) -> paymentMethod.put("id", "pm_1NewMaster")))));
		stripe.stubFor(post(urlPathEqualTo("/v1/customers/" + CUSTOMER_ID))
			.willReturn(json(fixture("customer.json", (customer) -> customer.withObject("invoice_settings")
				.put("default_payment_method", "pm_1NewMaster")))));
		String namesOld = fixture("subscription.json", (subscription) -> subscription.put("id", "sub_NamesOld"));
		String namesNone = fixture("subscription.json",
				(subscription) -> subscription.put("id", "sub_NamesNone").putNull("default_payment_method"));
		String namesNew = fixture("subscription.json", (subscription) -> subscription.put("id", "sub_NamesNew")
			.put("default_payment_method", "pm_1NewMaster"));
		String ended = fixture("subscription.json",
				(subscription) -> subscription.put("id", "sub_Ended").put("status", "canceled"));
		String pastDue = fixture("subscription.json",
				(subscription) -> subscription.put("id", "sub_PastDue").put("status", "past_due"));
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions"))
			.willReturn(json(list("/v1/subscriptions", false, namesOld, namesNone, namesNew, ended, pastDue))));
		stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions/sub_NamesOld")).willReturn(json(namesOld)));
		stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions/sub_PastDue")).willReturn(json(pastDue)));

		Customer customer = this.gateway.setDefaultPaymentMethod(CUSTOMER_ID, "pm_1NewMaster", "default-pm:1");

		assertThat(customer.defaultPaymentMethodId()).isEqualTo("pm_1NewMaster");
		List<StripeTestSupport.Recorded> requests = requests(stripe);
		requests.forEach(StripeTestSupport.Recorded::assertStripeHeaders);
		assertThat(requests).extracting((request) -> request.method() + " " + request.path())
			.containsExactly("GET /v1/payment_methods/pm_1NewMaster", "POST /v1/customers/" + CUSTOMER_ID,
					"GET /v1/subscriptions", "POST /v1/subscriptions/sub_NamesOld",
					"POST /v1/subscriptions/sub_PastDue");
		assertThat(requests.get(1).params())
			.isEqualTo(Map.of("invoice_settings[default_payment_method]", "pm_1NewMaster"));
		assertThat(requests.get(1).idempotencyKey()).isEqualTo("default-pm:1:customer");
		assertThat(requests.get(2).params())
			.isEqualTo(Map.of("customer", CUSTOMER_ID, "status", "all", "limit", "100"));
		assertThat(requests.get(3).params()).isEqualTo(Map.of("default_payment_method", "pm_1NewMaster"));
		assertThat(requests.get(3).idempotencyKey()).isEqualTo("default-pm:1:subscription:sub_NamesOld");
		assertThat(requests.get(4).idempotencyKey()).isEqualTo("default-pm:1:subscription:sub_PastDue");
	}

	@Test
	void setDefaultPaymentMethodWhenItIsAnotherCustomersThenPaymentMethodNotFoundWithoutUpdating() {
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_Foreign")).willReturn(json(fixture(
				"payment-method.json",
				(paymentMethod) -> paymentMethod.put("id", "pm_Foreign").put("customer", "cus_SomeoneElse")))));

		assertThat(errorCode(() -> this.gateway.setDefaultPaymentMethod(CUSTOMER_ID, "pm_Foreign", "default-pm:2")))
			.isEqualTo(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND);
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void setDefaultPaymentMethodWhenUnknownThenPaymentMethodNotFound() {
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_missing"))
			.willReturn(resourceMissing("PaymentMethod: 'pm_missing'", null)));

		assertThat(errorCode(() -> this.gateway.setDefaultPaymentMethod(CUSTOMER_ID, "pm_missing", "default-pm:3")))
			.isEqualTo(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND);
	}

}
