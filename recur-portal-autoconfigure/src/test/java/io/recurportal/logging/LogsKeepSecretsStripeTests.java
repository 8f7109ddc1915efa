package io.recurportal.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.stripe.net.Webhook;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;
import io.recurportal.webhook.RefreshWorker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.recurportal.logging.CapturedLogs.apartFromRedemption;
import static io.recurportal.logging.CapturedLogs.assertLogged;
import static io.recurportal.logging.CapturedLogs.assertNotLogged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With logging turned up, the main flows over the Stripe provider log none of the
 * secrets they handle: the Stripe secret key (which every call to the local stand-in for
 * Stripe carries, and which that stand-in echoes in full when it refuses it), the
 * webhook signing secret and signatures, the server API's key, bearer tokens, portal
 * links and the browser session they start. Each test also asserts lines it expects,
 * so it fails when logging is off rather than passing for want of a log.
 */
@SpringBootTest(classes = { TestHostApplication.class, LogsKeepSecretsStripeTests.Config.class },
		properties = { "recur.portal.billing=stripe",
				"recur.portal.stripe.secret-key=" + LogsKeepSecretsStripeTests.STRIPE_KEY,
				"recur.portal.stripe.max-network-retries=0",
				"recur.portal.webhook.secrets=" + LogsKeepSecretsStripeTests.WEBHOOK_SECRET,
				"recur.portal.api.secret-keys=" + LogsKeepSecretsStripeTests.SERVER_KEY,
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.base-url=https://billing.example.com", "recur.portal.login.enabled=false",
				"recur.portal.webhook.work.auto-startup=false" })
@AutoConfigureMockMvc
@VerboseLogging
class LogsKeepSecretsStripeTests {

	static final String STRIPE_KEY = "sk_test_51Qz8vN3kLw7XpR2mT9yB4cHf6JdGs0aVe1UoKiZn";

	static final String WEBHOOK_SECRET = "whsec_Zr4Wq9Lm2Xv7Tn5Kc8Hb3Jf6Gd1Sy0Pe";

	static final String SERVER_KEY = "sk_portal_Hq7Vd2Nx9Lc4Rb8Tm3Wy6Kp1Zs5Gf0Je";

	private static final String FORGED_SECRET = "whsec_Mx3Pq8Vb1Ln6Rt4Yc9Kd2Wf7Hj5Gs0Za";

	private static final String WRONG_SERVER_KEY = "sk_portal_Ty5Bn1Qk8Wd3Hm6Lp9Xc2Rv4Zf7Gs0Ju";

	/** The customer of {@code customer.json}, of account {@code acct-42}. */
	private static final String CUSTOMER = "cus_NffrFeUfNV2Hib";

	private static final String SUBSCRIPTION = "sub_1MowQVLkdIwHu7ix";

	private static final TestJwts jwts = new TestJwts();

	@RegisterExtension
	static final WireMockExtension stripe = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@DynamicPropertySource
	static void stripeApiBase(DynamicPropertyRegistry registry) {
		registry.add("recur.portal.stripe.api-base", stripe::baseUrl);
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private RefreshWorker worker;

	@BeforeEach
	void answerLikeStripe() {
		// Every request is answered, so the stand-in never reports one it did not expect.
		stripe.stubFor(any(anyUrl()).atPriority(10)
			.willReturn(stripeError(404, "invalid_request_error", "resource_missing", "No such object")));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(json("{\"object\": \"search_result\", \"url\": \"/v1/customers/search\", "
					+ "\"has_more\": false, \"data\": [" + fixture("customer.json") + "]}")));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/customers/" + CUSTOMER))
			.willReturn(json(fixture("customer.json"))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions"))
			.willReturn(json(list(fixture("subscription.json")))));
		// Stripe-Notice is what stripe-java itself logs: proof that its logger is captured.
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
			.willReturn(json(fixture("subscription.json")).withHeader("Stripe-Notice",
					"Notice from the Stripe stand-in")));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/invoices")).willReturn(json(list(fixture("invoice.json")))));
		stripe.stubFor(WireMock.get(urlPathMatching("/v1/(customers/[^/]+/)?payment_methods"))
			.willReturn(json(list(fixture("payment-method.json")))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/prices")).willReturn(json(list(fixture("price.json")))));
		stripe.stubFor(WireMock.post(urlPathEqualTo("/v1/checkout/sessions"))
			.willReturn(json(fixture("checkout-session.json"))));
		// Worse than Stripe, which shows only the key's last four characters.
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions/sub_revoked"))
			.willReturn(stripeError(401, "invalid_request_error", null, "Invalid API Key provided: " + STRIPE_KEY)));
	}

	@Test
	void accountApiWithValidAndRejectedBearerTokens(CapturedOutput output) throws Exception {
		String valid = jwts.token("acct-42", "alice", "owner");
		String otherKey = jwts.signedByOtherKey();
		String expired = jwts.expired();
		String malformed = "eyJhbGciOiJSUzI1NiJ9.Kq4Zt8Wm1Xr6Nv3Bc9Lh2Dp7Fs5Gj0Ty";
		this.mvc.perform(get("/api/subscriptions").header("Authorization", "Bearer " + valid))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data[0].id").value(SUBSCRIPTION));
		for (String rejected : new String[] { otherKey, expired, malformed }) {
			this.mvc.perform(get("/api/subscriptions").header("Authorization", "Bearer " + rejected))
				.andExpect(status().isUnauthorized());
		}
		stripe.verify(getRequestedFor(urlPathEqualTo("/v1/customers/search")).withHeader("Authorization",
				equalTo("Bearer " + STRIPE_KEY)));
		String log = output.getAll();
		assertNotLogged(log, "the Stripe secret key", STRIPE_KEY);
		assertNotLogged(log, "a valid bearer token", valid);
		assertNotLogged(log, "a valid bearer token's signature", signature(valid));
		assertNotLogged(log, "a bearer token signed by another key", otherKey);
		assertNotLogged(log, "an expired bearer token", expired);
		assertNotLogged(log, "a malformed bearer token", malformed);
		assertLogged(output, "Securing GET /api/subscriptions", "Authenticated token",
				"Failed to authenticate since the JWT was invalid",
				"Writing [{data=[SubscriptionView[id=" + SUBSCRIPTION);
	}

	@Test
	void webhooksSignedForgedAndIgnored(CapturedOutput output) throws Exception {
		String event = subscriptionEvent("evt_logs_valid", SUBSCRIPTION);
		String signature = sign(event, WEBHOOK_SECRET);
		String forgedSignature = sign(event, FORGED_SECRET);
		String refund = event("evt_logs_refund", "charge.refunded", "{\"id\": \"ch_1\", \"object\": \"charge\"}");
		String refundSignature = sign(refund, WEBHOOK_SECRET);
		deliver(event, signature).andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("processed"));
		this.worker.drain();
		deliver(event, forgedSignature).andExpect(status().isBadRequest());
		deliver(refund, refundSignature).andExpect(jsonPath("$.outcome").value("ignored"));
		String log = output.getAll();
		assertNotLogged(log, "the webhook signing secret", WEBHOOK_SECRET);
		assertNotLogged(log, "the forger's secret", FORGED_SECRET);
		for (String header : new String[] { signature, forgedSignature, refundSignature }) {
			assertNotLogged(log, "a Stripe-Signature header", header);
			assertNotLogged(log, "a webhook signature", header.substring(header.indexOf("v1=") + 3));
		}
		assertNotLogged(log, "the Stripe secret key", STRIPE_KEY);
		assertLogged(output, "Securing POST /webhooks/stripe", "Notice from the Stripe stand-in",
				"Refused a Stripe webhook", "Ignoring event evt_logs_refund of type charge.refunded");
	}

	@Test
	void stripeRefusingTheKeyIsLoggedWithoutIt(CapturedOutput output) throws Exception {
		String event = subscriptionEvent("evt_logs_revoked", "sub_revoked");
		deliver(event, sign(event, WEBHOOK_SECRET)).andExpect(status().isOk());
		this.worker.drain();
		assertNotLogged(output.getAll(), "the Stripe secret key", STRIPE_KEY);
		assertLogged(output, "Invalid API Key provided: [redacted]", "Could not refresh subscription:sub_revoked");
	}

	@Test
	void stripeAnswerThatIsNotJsonIsLoggedWithoutTheCustomersDetailsOrLinks(CapturedOutput output) throws Exception {
		String email = "jenny.rosen@example.com";
		String phone = "+886912345678";
		String invoiceUrl = "https://invoice.stripe.com/i/acct_1Recur/test_YWNjdF8x";
		String subscription = fixture("subscription.json");
		// The customer and the latest invoice expanded, then cut short as a dropped proxy leaves it.
		String answer = subscription.substring(0, subscription.indexOf("\"application\"")) + "\"customer\": "
				+ fixture("customer.json") + ", \"latest_invoice\": " + fixture("invoice.json") + ", \"items\": {";
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions/sub_malformed")).willReturn(json(answer)));
		String event = subscriptionEvent("evt_logs_malformed", "sub_malformed");

		deliver(event, sign(event, WEBHOOK_SECRET)).andExpect(status().isOk());
		this.worker.drain();

		assertThat(answer).contains(email, phone, invoiceUrl);
		assertThat(output.getAll()).doesNotContain(email).doesNotContain(phone).doesNotContain(invoiceUrl);
		assertNotLogged(output.getAll(), "the Stripe secret key", STRIPE_KEY);
		assertLogged(output, "was not Stripe's JSON; it is logged at DEBUG",
				"Stripe's answer to request req_logs was: {", "Could not refresh subscription:sub_malformed");
	}

	@Test
	void portalSessionsFromTheServerApiAndTheAccountApiAndTheirLinksInThePages(CapturedOutput output)
			throws Exception {
		this.mvc.perform(serverApi(WRONG_SERVER_KEY)).andExpect(status().isUnauthorized());
		String link = this.mvc.perform(serverApi(SERVER_KEY))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
		String otherLink = this.mvc
			.perform(post("/api/subscriptions/stripe/portal-session")
				.header("Authorization", "Bearer " + jwts.token("acct-42", "alice", "owner"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"return_url\":\"https://app.example.com/account\"}"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
		String path = link.substring("https://billing.example.com".length());
		Cookie session = this.mvc.perform(get(path))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getCookie("recur_portal_session");
		this.mvc.perform(get("/portal").cookie(session)).andExpect(status().isOk());
		this.mvc.perform(post("/portal/payment-method").cookie(session).with(csrf()).param("request_id", "r-logs"))
			.andExpect(redirectedUrlPattern("https://checkout.stripe.com/**"));
		this.mvc.perform(get(path)).andExpect(status().isGone());
		stripe.verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")).withHeader("Authorization",
				equalTo("Bearer " + STRIPE_KEY)));
		String token = link.substring(link.lastIndexOf('/') + 1);
		String log = output.getAll();
		assertNotLogged(log, "the server API key", SERVER_KEY);
		assertNotLogged(log, "a wrong server API key", WRONG_SERVER_KEY);
		assertNotLogged(apartFromRedemption(log, token), "a redeemed link's token", token);
		assertNotLogged(log, "a link's token", otherLink.substring(otherLink.lastIndexOf('/') + 1));
		assertNotLogged(log, "the browser session", session.getValue());
		assertNotLogged(log, "the Stripe secret key", STRIPE_KEY);
		assertLogged(output, "Securing POST /v1/portal/sessions", "Securing GET /portal",
				"Writing [{id=portal_sess_", "url=https://billing.example.com/portal/s/[redacted]",
				"Writing [Link[id=portal_sess_");
	}

	private static MockHttpServletRequestBuilder serverApi(String key) {
		return post("/v1/portal/sessions").header("Authorization", "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\":\"" + CUSTOMER + "\",\"returnUrl\":\"https://app.example.com/account\"}");
	}

	private ResultActions deliver(String payload, String signature) throws Exception {
		return this.mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON)
			.header("Stripe-Signature", signature)
			.content(payload));
	}

	private static String sign(String payload, String secret) throws Exception {
		return Webhook.Signature.generateSignatureHeader(payload, secret, Instant.now().getEpochSecond());
	}

	private static String subscriptionEvent(String id, String subscriptionId) {
		return event(id, "customer.subscription.updated", "{\"id\": \"" + subscriptionId
				+ "\", \"object\": \"subscription\", \"customer\": \"" + CUSTOMER + "\", \"metadata\": {}}");
	}

	private static String event(String id, String type, String object) {
		return """
				{"id": "%s", "object": "event", "api_version": "2025-09-30.clover", "type": "%s", "created": %d,
				 "livemode": false, "data": {"object": %s}}""".formatted(id, type, Instant.now().getEpochSecond(),
				object);
	}

	private static String signature(String jwt) {
		return jwt.substring(jwt.lastIndexOf('.') + 1);
	}

	private static ResponseDefinitionBuilder json(String body) {
		return WireMock.okJson(body).withHeader("Request-Id", "req_logs");
	}

	private static ResponseDefinitionBuilder stripeError(int status, String type, String code, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("Request-Id", "req_logs_error")
			.withBody("{\"error\": {\"type\": \"" + type + "\", "
					+ ((code != null) ? "\"code\": \"" + code + "\", " : "") + "\"message\": \"" + message + "\"}}");
	}

	private static String list(String... objects) {
		return "{\"object\": \"list\", \"url\": \"/v1/list\", \"has_more\": false, \"data\": ["
				+ String.join(",", objects) + "]}";
	}

	// The Stripe-shaped fixtures of the gateway's own tests.
	private static String fixture(String name) {
		try (InputStream in = LogsKeepSecretsStripeTests.class
			.getResourceAsStream("/io/recurportal/billing/stripe/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

	}

}
