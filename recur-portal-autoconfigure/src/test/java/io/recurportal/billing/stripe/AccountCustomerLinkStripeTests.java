package io.recurportal.billing.stripe;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static io.recurportal.billing.stripe.StripeTestSupport.searchResult;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The customer the first checkout creates is the account's from that moment, over Stripe
 * whose customer search does not know it yet (it lags writes by up to a minute): the
 * checkout completes, and no further search is made for the account.
 */
@SpringBootTest(classes = { TestHostApplication.class, AccountCustomerLinkStripeTests.Config.class },
		properties = { "recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + StripeTestSupport.SECRET_KEY,
				"recur.portal.stripe.max-network-retries=0",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.base-url=https://billing.example.com", "recur.portal.login.enabled=false" })
@AutoConfigureMockMvc
class AccountCustomerLinkStripeTests {

	private static final String CUSTOMER = "cus_NffrFeUfNV2Hib";

	private static final String SUBSCRIPTION = "sub_1MowQVLkdIwHu7ix";

	private static final TestJwts jwts = new TestJwts();

	@RegisterExtension
	static final WireMockExtension stripe = StripeTestSupport.server();

	@DynamicPropertySource
	static void stripeApiBase(DynamicPropertyRegistry registry) {
		registry.add("recur.portal.stripe.api-base", stripe::baseUrl);
	}

	@Autowired
	private MockMvc mvc;

	@BeforeEach
	void answerLikeStripeRightAfterACustomerWasCreated() {
		stripe.stubFor(any(anyUrl()).atPriority(10).willReturn(resourceMissing("object", null)));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(json(searchResult("/v1/customers/search"))));
		stripe.stubFor(WireMock.post(urlPathEqualTo("/v1/customers")).willReturn(json(fixture("customer.json"))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/customers/" + CUSTOMER))
			.willReturn(json(fixture("customer.json"))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/prices"))
			.willReturn(json(list("/v1/prices", false, fixture("price.json")))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions"))
			.willReturn(json(list("/v1/subscriptions", false))));
		stripe.stubFor(WireMock.post(urlPathEqualTo("/v1/checkout/sessions"))
			.willReturn(json(fixture("checkout-session.json"))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/checkout/sessions/cs_test_a1Recur"))
			.willReturn(json(fixture("checkout-session.json", (session) -> {
				session.put("status", "complete").put("subscription", SUBSCRIPTION).putNull("url");
			}))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
			.willReturn(json(fixture("subscription.json"))));
	}

	@Test
	void checkoutOfANewCustomerCompletesAndTheAccountIsSearchedForOnlyOnce() throws Exception {
		String owner = "Bearer " + jwts.token("acct-42", "alice", "owner");
		this.mvc
			.perform(post("/api/subscriptions/stripe/checkout-session").header("Authorization", owner)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"price_id\":\"price_ProMonthly\",\"success_url\":\"https://app.example.com/ok\","
						+ "\"cancel_url\":\"https://app.example.com/back\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("cs_test_a1Recur"));

		this.mvc
			.perform(post("/api/subscriptions/stripe/checkout-session-sync").header("Authorization", owner)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"session_id\":\"cs_test_a1Recur\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(SUBSCRIPTION));
		this.mvc.perform(get("/api/subscriptions").header("Authorization", owner))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data[0].id").value(SUBSCRIPTION));
		this.mvc.perform(get("/api/subscriptions/identity").header("Authorization", owner))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customer_id").value(CUSTOMER));

		stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/customers")));
		// Once, before the customer existed; the link answered every later lookup.
		stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/customers/search")));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

	}

}
