package io.recurportal.billing.stripe;

import java.time.Instant;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.stripe.net.Webhook;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;
import jakarta.servlet.http.Cookie;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeMinimalObjectsTests.minimal;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static io.recurportal.billing.stripe.StripeTestSupport.searchResult;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The portal's API and pages over Stripe answering with the smallest objects its API
 * reference allows (see {@link StripeMinimalObjectsTests}): every read shows them, and
 * every action that cannot use them answers a 4xx problem with a stable code, never a 5xx.
 */
@SpringBootTest(classes = { TestHostApplication.class, StripeMinimalObjectsPortalTests.Config.class },
		properties = { "recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + StripeTestSupport.SECRET_KEY,
				"recur.portal.stripe.max-network-retries=0",
				"recur.portal.api.secret-keys=" + StripeMinimalObjectsPortalTests.SERVER_KEY,
				"recur.portal.webhook.secrets=" + StripeMinimalObjectsPortalTests.WEBHOOK_SECRET,
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.base-url=https://billing.example.com", "recur.portal.login.enabled=false" })
@AutoConfigureMockMvc
class StripeMinimalObjectsPortalTests {

	static final String SERVER_KEY = "sk_portal_Minimal0Objects1Test2Key3Abcdefgh";

	static final String WEBHOOK_SECRET = "whsec_Minimal0Objects1Test2Secret3Abc";

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
	void answerWithMinimalObjects() {
		String customer = fixture("minimal/customer.json",
				(edited) -> edited.putObject("metadata").put("recur_account_id", "acct-min"));
		stripe.stubFor(any(anyUrl()).atPriority(10).willReturn(resourceMissing("object", null)));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(json(searchResult("/v1/customers/search", customer))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/customers/cus_minimal")).willReturn(json(customer)));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions"))
			.willReturn(json(list("/v1/subscriptions", false, minimal("subscription")))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/products"))
			.willReturn(json(list("/v1/products", false, minimal("product")))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/invoices"))
			.willReturn(json(list("/v1/invoices", false, minimal("invoice"), fixture("minimal/invoice.json",
					(paid) -> paid.put("id", "in_minimal_paid").put("status", "paid"))))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/customers/cus_minimal/payment_methods"))
			.willReturn(json(list("/v1/customers/cus_minimal/payment_methods", false))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/prices")).willReturn(json(list("/v1/prices", false))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/checkout/sessions/cs_test_minimal"))
			.willReturn(json(minimal("checkout-session"))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/invoices/in_minimal_paid"))
			.willReturn(json(fixture("minimal/invoice.json",
					(paid) -> paid.put("id", "in_minimal_paid").put("status", "paid")))));
		String subscription = StripeMinimalObjectsTests.withExpandedProduct(minimal("subscription"));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions/sub_minimal")).willReturn(json(subscription)));
		stripe.stubFor(WireMock.post(urlPathEqualTo("/v1/subscriptions/sub_minimal")).willReturn(json(subscription)));
	}

	@Test
	void actionsAnsweredWithMinimalObjects() throws Exception {
		String owner = "Bearer " + jwts.token("acct-min", "alice", "owner");
		this.mvc
			.perform(post("/api/subscriptions/sub_minimal/cancel").header("Authorization", owner)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"timing\":\"period_end\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("sub_minimal"));
		this.mvc.perform(post("/api/subscriptions/sub_minimal/pause").header("Authorization", owner))
			.andExpect(status().isOk());
		// No document yet: a clean 400, not a failure.
		this.mvc.perform(get("/api/subscriptions/invoices/in_minimal_paid/pdf").header("Authorization", owner))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid_request"));
		this.mvc.perform(get("/api/subscriptions/identity").header("Authorization", owner))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customer_id").value("cus_minimal"));
	}

	@Test
	void subscriptionsAndInvoicesOfMinimalObjectsAreShown() throws Exception {
		String owner = "Bearer " + jwts.token("acct-min", "alice", "owner");
		this.mvc.perform(get("/api/subscriptions").header("Authorization", owner))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data[0].id").value("sub_minimal"));
		this.mvc.perform(get("/api/subscriptions/invoices").header("Authorization", owner))
			.andExpect(status().isOk())
			// With no status Stripe's invoice counts as a draft, which the portal never shows.
			.andExpect(jsonPath("$.data.length()").value(1))
			.andExpect(jsonPath("$.data[0].id").value("in_minimal_paid"))
			.andExpect(jsonPath("$.data[0].number").doesNotExist());
	}

	@Test
	void checkoutSessionSyncOfASessionWithoutCustomerIsNotFound() throws Exception {
		this.mvc
			.perform(post("/api/subscriptions/stripe/checkout-session-sync")
				.header("Authorization", "Bearer " + jwts.token("acct-min", "alice", "owner"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"session_id\":\"cs_test_minimal\"}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("checkout_session_not_found"));
	}

	@Test
	void portalOverviewAndCardUpdateCompletionOfASessionWithoutCustomer() throws Exception {
		String created = this.mvc
			.perform(post("/v1/portal/sessions").header("Authorization", "Bearer " + SERVER_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"cus_minimal\",\"returnUrl\":\"https://app.example.com/account\"}"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String link = created.replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
		Cookie session = this.mvc.perform(get(link.substring("https://billing.example.com".length())))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getCookie("recur_portal_session");
		this.mvc.perform(get("/portal").cookie(session)).andExpect(status().isOk());
		this.mvc.perform(get("/portal/profile").cookie(session)).andExpect(status().isOk());
		this.mvc.perform(get("/portal/subscriptions/sub_minimal/cancel").cookie(session))
			.andExpect(status().isOk());
		this.mvc.perform(get("/portal/invoices/in_minimal_paid/pdf").cookie(session))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/portal/payment-method/complete").cookie(session).param("session_id", "cs_test_minimal"))
			.andExpect(status().isNotFound());
		// The form's CSRF handling is not what this test is about; only that nothing fails.
		this.mvc.perform(post("/portal/payment-method").cookie(session).with(csrf()).param("request_id", "r-min"))
			.andExpect(status().is4xxClientError());
	}

	@Test
	void webhookEventsOfMinimalObjectsAreProcessed() throws Exception {
		String subscription = StripeMinimalObjectsTests.withExpandedProduct(minimal("subscription"));
		deliver("evt_min_checkout", "checkout.session.completed", minimal("checkout-session"));
		deliver("evt_min_subscription", "customer.subscription.updated", subscription);
		deliver("evt_min_invoice", "invoice.paid", minimal("invoice"));
		deliver("evt_min_customer", "customer.updated", minimal("customer"));
		deliver("evt_min_payment_method", "payment_method.detached", minimal("payment-method"));
	}

	private void deliver(String id, String type, String object) throws Exception {
		String payload = fixture("minimal/event.json", (event) -> {
			event.put("id", id).put("type", type).put("created", Instant.now().getEpochSecond());
			event.withObject("data").set("object", StripeTestSupport.object(object));
		});
		String signature = Webhook.Signature.generateSignatureHeader(payload, WEBHOOK_SECRET,
				Instant.now().getEpochSecond());
		this.mvc
			.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON)
				.header("Stripe-Signature", signature)
				.content(payload))
			.andExpect(status().isOk());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

	}

}
