package io.recurportal.server;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.NewCustomer;
import io.recurportal.testsupport.TestJwts;

import static io.recurportal.testsupport.AccountJwts.accountJwt;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Recur-compatible server API and the JWT caller's portal-session endpoint.
 * <p>
 * Runs against each provider: {@link SandboxServerApiTests},
 * {@link FakeProviderServerApiTests}.
 */
@TestPropertySource(properties = { "recur.portal.allowed-return-origins=https://app.example.com",
		"recur.portal.api.secret-keys=sk_portal_old,sk_portal_new",
		"recur.portal.base-url=https://billing.example.com" })
abstract class ServerApiTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private BillingGateway gateway;

	@Test
	void createSessionByCustomerIdInRecursShape() throws Exception {
		this.mvc
			.perform(withKey(post("/v1/portal/sessions"), "sk_portal_new")
				.content("{\"customer\":\"cus_active\",\"returnUrl\":\"https://app.example.com/account\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(startsWith("portal_sess_")))
			.andExpect(jsonPath("$.object").value("portal.session"))
			.andExpect(jsonPath("$.url").value(matchesPattern("https://billing\\.example\\.com/portal/s/[A-Za-z0-9_-]{43}")))
			.andExpect(jsonPath("$.customerId").value("cus_active"))
			.andExpect(jsonPath("$.returnUrl").value("https://app.example.com/account"))
			.andExpect(jsonPath("$.configurationId").value("full"))
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.accessedAt").value(nullValue()))
			.andExpect(jsonPath("$.expiresAt").isNotEmpty())
			.andExpect(jsonPath("$.createdAt").isNotEmpty());
	}

	@Test
	void createSessionByExternalIdOrEmailWithSnakeCase() throws Exception {
		this.mvc
			.perform(withKey(post("/v1/portal/sessions"), "sk_portal_old").content(
					"{\"external_id\":\"acct_on_hold\",\"return_url\":\"https://app.example.com/\",\"expires_in\":86400,"
							+ "\"configuration_id\":\"invoices\",\"locale\":\"ja\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customerId").value("cus_on_hold"))
			.andExpect(jsonPath("$.configurationId").value("invoices"))
			.andExpect(jsonPath("$.locale").value("ja"));
		this.mvc
			.perform(withKey(post("/v1/portal/sessions"), "sk_portal_old")
				.content("{\"email\":\"ALICE@example.com\",\"returnUrl\":\"https://app.example.com/\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customerId").value("cus_active"));
	}

	@Test
	void getSessionShowsItsStatusButNeverItsUrl() throws Exception {
		String created = this.mvc
			.perform(withKey(post("/v1/portal/sessions"), "sk_portal_new")
				.content("{\"customerId\":\"cus_active\",\"returnUrl\":\"https://app.example.com/\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		this.mvc.perform(withKey(get("/v1/portal/sessions/" + id), "sk_portal_new"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.url").value(nullValue()));
		this.mvc.perform(withKey(get("/v1/portal/sessions/portal_sess_nope"), "sk_portal_new"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error.code").value("not_found"));
	}

	@Test
	void errorsUseRecursEnvelope() throws Exception {
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON).content("{}"), null, 401,
				"authentication_error", "invalid_api_key");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON).content("{}"), "sk_portal_x",
				401, "authentication_error", "invalid_api_key");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"returnUrl\":\"https://app.example.com/\"}"), "sk_portal_new", 400, "invalid_request_error",
				"missing_customer_identifier");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\":\"cus_nobody\",\"returnUrl\":\"https://app.example.com/\"}"), "sk_portal_new", 404,
				"invalid_request_error", "customer_not_found");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\":\"cus_active\"}"), "sk_portal_new", 400, "invalid_request_error",
				"missing_return_url");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\":\"cus_active\",\"returnUrl\":\"https://evil.example.net/\"}"), "sk_portal_new",
				400, "invalid_request_error", "return_url_not_allowed");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\":\"cus_active\",\"returnUrl\":\"https://app.example.com/\",\"expiresIn\":90000}"),
				"sk_portal_new", 400, "invalid_request_error", "invalid_request");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON).content("{\"customerId\":"),
				"sk_portal_new", 400, "invalid_request_error", "invalid_request");
	}

	@Test
	void everyErrorUnderTheServerPathIsRecursEnvelope() throws Exception {
		String session = "{\"customerId\":\"cus_active\",\"returnUrl\":\"https://app.example.com/\"}";
		record Case(MockHttpServletRequestBuilder request, @Nullable String key, int status, String type,
				String code) {
		}
		List<Case> cases = List.of(
				new Case(put("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON).content(session),
						"sk_portal_new", 405, "invalid_request_error", "method_not_allowed"),
				new Case(delete("/v1/portal/sessions"), "sk_portal_new", 405, "invalid_request_error",
						"method_not_allowed"),
				new Case(get("/v1/portal/sessions"), "sk_portal_new", 405, "invalid_request_error",
						"method_not_allowed"),
				new Case(get("/v1/nothing/here"), "sk_portal_new", 404, "invalid_request_error", "not_found"),
				new Case(get("/v1/nothing/here"), null, 401, "authentication_error", "invalid_api_key"),
				new Case(post("/v1/portal/sessions").contentType(MediaType.TEXT_PLAIN).content(session),
						"sk_portal_new", 415, "invalid_request_error", "unsupported_media_type"),
				new Case(get("/v1/customers/entitlements").param("customer_id", "cus_active")
					.accept(MediaType.APPLICATION_XML), "sk_portal_new", 406, "invalid_request_error",
						"not_acceptable"),
				new Case(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON).content("{\"customerId\""),
						"sk_portal_new", 400, "invalid_request_error", "invalid_request"),
				new Case(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
					.content("{\"email\":\"" + "x".repeat(20_000) + "\"}"), "sk_portal_new", 413,
						"invalid_request_error", "payload_too_large"),
				new Case(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON).content(session), null,
						401, "authentication_error", "invalid_api_key"));
		for (Case c : cases) {
			if (c.key() != null) {
				c.request().header("Authorization", "Bearer " + c.key());
			}
			this.mvc.perform(c.request())
				.andExpect(status().is(c.status()))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
				.andExpect(jsonPath("$.error.type").value(c.type()))
				.andExpect(jsonPath("$.error.code").value(c.code()))
				.andExpect(jsonPath("$.error.message").isNotEmpty())
				.andExpect(jsonPath("$.status").doesNotExist());
		}
	}

	@Test
	void entitlementsInTheShapeRecursSdkReads() throws Exception {
		this.mvc.perform(withKey(get("/v1/customers/entitlements").param("external_id", "acct_active"), "sk_portal_new"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.entitlements[0].product").value("pro"))
			.andExpect(jsonPath("$.entitlements[0].product_id").value("prod_pro"))
			.andExpect(jsonPath("$.entitlements[0].status").value("active"))
			.andExpect(jsonPath("$.entitlements[0].subscription_id").value("sub_active"))
			.andExpect(jsonPath("$.subscription.id").value("sub_active"))
			.andExpect(jsonPath("$.subscription.product.slug").value("pro"))
			.andExpect(jsonPath("$.subscription.product.name").value("Pro"))
			.andExpect(jsonPath("$.subscription.current_period_end").isNotEmpty());
		this.mvc.perform(withKey(get("/v1/customers/entitlements").param("customer_id", "cus_on_hold"), "sk_portal_new"))
			.andExpect(jsonPath("$.entitlements.length()").value(0))
			.andExpect(jsonPath("$.subscription.status").value("past_due"));
		expectError(get("/v1/customers/entitlements"), "sk_portal_new", 400, "invalid_request_error",
				"missing_customer_identifier");
	}

	@Test
	void identifiersNamingDifferentCustomersAreAMismatch() throws Exception {
		// customerId wins by priority, but a contradicting externalId or email is refused, not ignored.
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\":\"cus_active\",\"externalId\":\"acct_other\","
					+ "\"returnUrl\":\"https://app.example.com/\"}"),
				"sk_portal_new", 400, "invalid_request_error", "customer_mismatch");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\":\"cus_active\",\"email\":\"mallory@example.com\","
					+ "\"returnUrl\":\"https://app.example.com/\"}"),
				"sk_portal_new", 400, "invalid_request_error", "customer_mismatch");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"externalId\":\"acct_active\",\"email\":\"mallory@example.com\","
					+ "\"returnUrl\":\"https://app.example.com/\"}"),
				"sk_portal_new", 400, "invalid_request_error", "customer_mismatch");
		expectError(get("/v1/customers/entitlements").param("customer_id", "cus_active").param("email",
				"mallory@example.com"), "sk_portal_new", 400, "invalid_request_error", "customer_mismatch");
		// Agreeing identifiers, the email in any case, still name the customer.
		this.mvc.perform(withKey(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\":\"cus_active\",\"externalId\":\"acct_active\","
					+ "\"email\":\"Alice@Example.com\",\"returnUrl\":\"https://app.example.com/\"}"),
				"sk_portal_new"))
			.andExpect(status().isOk());
	}

	@Test
	void emailOfSeveralCustomersIsAmbiguousInsteadOfPickingOne() throws Exception {
		this.gateway.createCustomer(new NewCustomer("acct_shared_1", "shared@example.com", "First"), "shared-1");
		this.gateway.createCustomer(new NewCustomer("acct_shared_2", "Shared@Example.com", "Second"), "shared-2");
		expectError(post("/v1/portal/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"shared@example.com\",\"returnUrl\":\"https://app.example.com/\"}"), "sk_portal_new",
				409, "invalid_request_error", "customer_ambiguous");
		expectError(get("/v1/customers/entitlements").param("email", "SHARED@example.com"), "sk_portal_new", 409,
				"invalid_request_error", "customer_ambiguous");
		this.mvc.perform(withKey(get("/v1/customers/entitlements").param("external_id", "acct_shared_2"), "sk_portal_new"))
			.andExpect(status().isOk());
	}

	@Test
	void emailInATurkishIFormFindsThePlainAddress() throws Exception {
		this.mvc
			.perform(withKey(post("/v1/portal/sessions"), "sk_portal_new")
				.content("{\"email\":\"alİce@example.com\",\"returnUrl\":\"https://app.example.com/\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customerId").value("cus_active"));
		this.mvc.perform(withKey(get("/v1/customers/entitlements").param("email", "alıce@example.com"), "sk_portal_new"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subscription.id").value("sub_active"));
	}

	@Test
	void jwtCallerOpensThePortalWithTheirOwnConfiguration() throws Exception {
		this.mvc
			.perform(post("/api/subscriptions/stripe/portal-session")
				.with(accountJwt((token) -> token.subject("bob").claim("acc", "acct_active").claim("role", "member")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"return_url\":\"https://app.example.com/account\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.url").value(startsWith("https://billing.example.com/portal/s/")));
		this.mvc
			.perform(post("/api/subscriptions/stripe/portal-session")
				// A member: an owner of an account with no customer yet gets one, to choose a plan.
				.with(accountJwt((token) -> token.subject("nina").claim("acc", "acct_nobody").claim("role", "member")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"return_url\":\"https://app.example.com/account\"}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("customer_not_found"));
		this.mvc
			.perform(post("/api/subscriptions/stripe/portal-session")
				.with(accountJwt((token) -> token.subject("alice").claim("acc", "acct_active").claim("role", "owner")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"return_url\":\"https://evil.example.net/\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("return_url_not_allowed"));
	}

	private void expectError(MockHttpServletRequestBuilder request, String key, int status, String type, String code)
			throws Exception {
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		this.mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(jsonPath("$.error.type").value(type))
			.andExpect(jsonPath("$.error.code").value(code))
			.andExpect(jsonPath("$.error.message").isNotEmpty());
	}

	private static MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request, String key) {
		return request.header("Authorization", "Bearer " + key).contentType(MediaType.APPLICATION_JSON);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return new TestJwts().decoder();
		}

	}

}
