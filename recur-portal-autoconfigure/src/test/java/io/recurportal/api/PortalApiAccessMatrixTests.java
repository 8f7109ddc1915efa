package io.recurportal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import io.recurportal.billing.BillingGateway;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Drives every endpoint of the account API with every kind of caller and asserts the
 * exact status and problem code. Add a row for each new endpoint.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalApiAccessMatrixTests.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com" })
@AutoConfigureMockMvc
class PortalApiAccessMatrixTests {

	static final TestJwts jwts = new TestJwts();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private BillingGateway gateway;

	private String firstInvoiceOf(String customerId) {
		return this.gateway.listInvoices(customerId, 1).get(0).id();
	}

	// Ids the provider generates, put into a row's path and body.
	private String resolve(String template) {
		return template.replace("{invoice}", firstInvoiceOf("cus_active"))
			.replace("{pm}", this.gateway.listPaymentMethods("cus_active").get(0).id());
	}

	static Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		for (Endpoint endpoint : endpoints()) {
			for (Caller caller : Caller.values()) {
				cases.add(Arguments.of(endpoint, caller));
			}
		}
		return cases.stream();
	}

	// Rows run in this order, each with MEMBER, then OWNER, then OWNER_OF_OTHER_ACCOUNT.
	// Owner rows that would change billing are chosen to fail validation, or are undone
	// by the next row, so every row sees the same state.
	static List<Endpoint> endpoints() {
		String api = "/api/subscriptions";
		String sub = api + "/sub_active";
		Expect noSub = fail(404, "subscription_not_found");
		Expect notEnabled = fail(403, "feature_not_enabled");
		Expect noMethod = fail(404, "payment_method_not_found");
		return List.of(new Endpoint(GET, api + "/identity", null, ok(), ok(), ok()),
				new Endpoint(GET, api, null, ok(), ok(), ok()),
				new Endpoint(GET, api + "/features", null, ok(), ok(), ok()),
				new Endpoint(GET, api + "/merchants", null, ok(), ok(), ok()),
				new Endpoint(POST, api + "/sync?allow_deletes=false", "{}", fail(403, "owner_required"), ok(), ok()),
				new Endpoint(POST, api + "/stripe/checkout-session",
						"{\"price_id\":\"price_starter_monthly\",\"success_url\":\"https://app.example.com/ok\","
								+ "\"cancel_url\":\"https://evil.example.net/\"}",
						notEnabled, fail(400, "return_url_not_allowed"), fail(400, "return_url_not_allowed")),
				new Endpoint(POST, api + "/stripe/checkout-session-sync", "{\"session_id\":\"cs_unknown\"}",
						notEnabled, fail(404, "checkout_session_not_found"), fail(404, "checkout_session_not_found")),
				new Endpoint(POST, sub + "/change/preview", "{\"interval\":\"year\"}", notEnabled, ok(), noSub),
				new Endpoint(POST, sub + "/change", "{\"price_id\":\"price_legacy\"}", notEnabled,
						fail(400, "price_not_available"), noSub),
				new Endpoint(POST, sub + "/change/preview", "{\"quantity\":5}", notEnabled,
						fail(403, "quantity_change_not_allowed"), noSub),
				new Endpoint(POST, sub + "/change", "{\"quantity\":5}", notEnabled,
						fail(403, "quantity_change_not_allowed"), noSub),
				new Endpoint(POST, sub + "/cancel", "{\"timing\":\"immediately\"}", notEnabled,
						fail(403, "cancel_timing_not_allowed"), noSub),
				new Endpoint(POST, sub + "/reactivate", null, notEnabled, fail(409, "invalid_subscription_state"),
						noSub),
				new Endpoint(GET, sub + "/retention-offer", null, notEnabled,
						fail(404, "retention_offer_not_available"), noSub),
				new Endpoint(POST, sub + "/retention-offer/accept", null, notEnabled,
						fail(404, "retention_offer_not_available"), noSub),
				new Endpoint(POST, sub + "/pause", "{}", notEnabled, ok(), noSub),
				new Endpoint(POST, sub + "/resume", null, notEnabled, ok(), noSub),
				new Endpoint(POST, api + "/stripe/portal-session",
						"{\"return_url\":\"https://app.example.com/account\"}", ok(), ok(), ok()),
				new Endpoint(GET, api + "/payment-methods", null, notEnabled, ok(), ok()),
				new Endpoint(POST, api + "/payment-methods",
						"{\"success_url\":\"https://app.example.com/ok\",\"cancel_url\":\"https://evil.example.net/\"}",
						notEnabled, fail(400, "return_url_not_allowed"), fail(400, "return_url_not_allowed")),
				new Endpoint(POST, api + "/payment-methods/checkout-session-sync", "{\"session_id\":\"cs_unknown\"}",
						notEnabled, fail(404, "checkout_session_not_found"), fail(404, "checkout_session_not_found")),
				new Endpoint(POST, api + "/payment-methods/{pm}/default", null, notEnabled, ok(), noMethod),
				new Endpoint(DELETE, api + "/payment-methods/{pm}", null, notEnabled,
						fail(409, "payment_method_required"), noMethod),
				new Endpoint(POST, api + "/payment-methods/{pm}/remove", null, notEnabled,
						fail(409, "payment_method_required"), noMethod),
				new Endpoint(GET, sub + "/pay", null, notEnabled, fail(409, "invalid_subscription_state"), noSub),
				new Endpoint(POST, sub + "/pay", "{\"payment_method_id\":\"{pm}\"}", notEnabled,
						fail(409, "invalid_subscription_state"), noSub),
				new Endpoint(GET, api + "/invoices", null, ok(), ok(), ok()),
				new Endpoint(GET, api + "/activity", null, fail(403, "owner_required"), ok(), ok()),
				new Endpoint(GET, api + "/activity?limit=0", null, fail(403, "owner_required"),
						fail(400, "invalid_request"), fail(400, "invalid_request")),
				new Endpoint(GET, api + "/invoices/{invoice}/pdf", null, ok(), ok(), fail(404, "invoice_not_found")),
				new Endpoint(GET, api + "/no-such-endpoint", null, fail(404, "not_found"), fail(404, "not_found"),
						fail(404, "not_found")),
				new Endpoint(DELETE, api + "/identity", null, fail(405, "method_not_allowed"),
						fail(405, "method_not_allowed"), fail(405, "method_not_allowed")),
				new Endpoint(GET, sub + "/cancel", null, fail(405, "method_not_allowed"),
						fail(405, "method_not_allowed"), fail(405, "method_not_allowed")));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("cases")
	void endpointAnswersEachCallerExactly(Endpoint endpoint, Caller caller) throws Exception {
		String path = resolve(endpoint.path());
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(), path)
			.accept(path.endsWith("/pdf") ? MediaType.ALL : MediaType.APPLICATION_JSON);
		if (endpoint.body() != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(resolve(endpoint.body()));
		}
		caller.token().ifPresent((token) -> request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
		MvcResult result = this.mvc.perform(request).andReturn();
		Expect expected = endpoint.expectFor(caller);
		String body = result.getResponse().getContentAsString();
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expected.status());
		if (expected.code() != null) {
			assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
			assertThat(body).contains("\"code\":\"" + expected.code() + "\"");
		}
		if (expected.status() == 401) {
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		}
		if (caller == Caller.NO_ACCOUNT) {
			// The converter's refusal reaches the client through the bearer entry point, as before.
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Bearer error=\"invalid_token\", error_description=\"The token names no account\"");
		}
		if (expected.status() == 200 && path.endsWith("/identity")) {
			assertThat(body).contains("\"account_id\":\"" + caller.account + "\"");
		}
		if (expected.status() == 200 && path.equals("/api/subscriptions")) {
			// Each account sees its own subscriptions only.
			assertThat(body).contains(caller == Caller.OWNER_OF_OTHER_ACCOUNT ? "sub_other" : "sub_active")
				.doesNotContain(caller == Caller.OWNER_OF_OTHER_ACCOUNT ? "sub_active" : "sub_other");
		}
	}

	private static Expect ok() {
		return new Expect(200, null);
	}

	// Successful rows would act before the unusable Accept is noticed: only failures run here.
	static Stream<Arguments> failureCases() {
		return cases().filter((arguments) -> ((Endpoint) arguments.get()[0])
			.expectFor((Caller) arguments.get()[1])
			.code() != null);
	}

	@ParameterizedTest(name = "{0} as {1}, Accept: ??? and text/csv")
	@MethodSource("failureCases")
	void failuresAreProblemsWhateverTheAccept(Endpoint endpoint, Caller caller) throws Exception {
		Expect expected = endpoint.expectFor(caller);
		String path = resolve(endpoint.path());
		for (String accept : List.of("???", "text/csv")) {
			MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(), path)
				.header(HttpHeaders.ACCEPT, accept);
			if (endpoint.body() != null) {
				request.contentType(MediaType.APPLICATION_JSON).content(resolve(endpoint.body()));
			}
			caller.token().ifPresent((token) -> request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
			MvcResult result = this.mvc.perform(request).andReturn();
			String body = result.getResponse().getContentAsString();
			assertThat(result.getResponse().getStatus()).as(accept + " " + body).isEqualTo(expected.status());
			assertThat(result.getResponse().getContentType()).as(accept).startsWith("application/problem+json");
			assertThat(body).as(accept).contains("\"code\":\"" + expected.code() + "\"");
		}
	}

	@Test
	void wrongMethodNamesTheAllowedOnes() throws Exception {
		String token = "Bearer " + jwts.token("acct_active", "bob", "member");
		MvcResult identity = this.mvc
			.perform(MockMvcRequestBuilders.delete("/api/subscriptions/identity").header(HttpHeaders.AUTHORIZATION, token))
			.andReturn();
		assertThat(identity.getResponse().getStatus()).isEqualTo(405);
		assertThat(identity.getResponse().getHeader(HttpHeaders.ALLOW)).contains("GET");
		MvcResult cancel = this.mvc
			.perform(MockMvcRequestBuilders.put("/api/subscriptions/sub_active/cancel")
				.header(HttpHeaders.AUTHORIZATION, token))
			.andReturn();
		assertThat(cancel.getResponse().getStatus()).isEqualTo(405);
		assertThat(cancel.getResponse().getHeader(HttpHeaders.ALLOW)).isEqualTo("POST");
		assertThat(cancel.getResponse().getContentAsString()).contains("\"code\":\"method_not_allowed\"");
	}

	@Test
	void unusableAcceptOnASuccessIsANotAcceptableProblem() throws Exception {
		for (String accept : List.of("???", "text/csv")) {
			MvcResult result = this.mvc
				.perform(MockMvcRequestBuilders.get("/api/subscriptions/identity")
					.header(HttpHeaders.ACCEPT, accept)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + jwts.token("acct_active", "bob", "member")))
				.andReturn();
			assertThat(result.getResponse().getStatus()).as(accept).isEqualTo(406);
			assertThat(result.getResponse().getContentType()).as(accept).startsWith("application/problem+json");
			assertThat(result.getResponse().getContentAsString()).contains("\"code\":\"not_acceptable\"");
		}
	}

	private static Expect fail(int status, String code) {
		return new Expect(status, code);
	}

	enum Caller {

		NO_TOKEN(null), MALFORMED(null), EXPIRED(null), SIGNED_BY_OTHER_KEY(null), ALG_NONE(null), NO_EXPIRY(null),
		NO_ACCOUNT(null), MEMBER("acct_active"), OWNER("acct_active"), OWNER_OF_OTHER_ACCOUNT("acct_other");

		final @Nullable String account;

		Caller(@Nullable String account) {
			this.account = account;
		}

		Optional<String> token() {
			return Optional.ofNullable(switch (this) {
				case NO_TOKEN -> null;
				case MALFORMED -> "not.a.jwt";
				case EXPIRED -> jwts.expired();
				case SIGNED_BY_OTHER_KEY -> jwts.signedByOtherKey();
				case ALG_NONE -> jwts.unsigned();
				case NO_EXPIRY -> jwts.withoutExpiry();
				case NO_ACCOUNT -> jwts.withoutAccount();
				case MEMBER -> jwts.token("acct_active", "bob", "member");
				case OWNER -> jwts.token("acct_active", "alice", "owner");
				case OWNER_OF_OTHER_ACCOUNT -> jwts.token("acct_other", "mallory", "owner");
			});
		}

	}

	record Expect(int status, @Nullable String code) {

	}

	record Endpoint(HttpMethod method, String path, @Nullable String body, Expect member, Expect owner,
			Expect ownerOfOtherAccount) {

		Expect expectFor(Caller caller) {
			return switch (caller) {
				case NO_TOKEN -> fail(401, "unauthenticated");
				case NO_ACCOUNT -> fail(401, "account_claim_missing");
				case MALFORMED, EXPIRED, SIGNED_BY_OTHER_KEY, ALG_NONE, NO_EXPIRY -> fail(401, "invalid_token");
				case MEMBER -> this.member;
				case OWNER -> this.owner;
				case OWNER_OF_OTHER_ACCOUNT -> this.ownerOfOtherAccount;
			};
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
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
