package io.recurportal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
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

import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every endpoint of the account API with every kind of caller and asserts the
 * exact status and problem code. Add a row for each new endpoint.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalApiAccessMatrixTests.Config.class })
@AutoConfigureMockMvc
class PortalApiAccessMatrixTests {

	static final TestJwts jwts = new TestJwts();

	@Autowired
	private MockMvc mvc;

	static Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		for (Endpoint endpoint : endpoints()) {
			for (Caller caller : Caller.values()) {
				cases.add(Arguments.of(endpoint, caller));
			}
		}
		return cases.stream();
	}

	static List<Endpoint> endpoints() {
		return List.of(new Endpoint(HttpMethod.GET, "/api/subscriptions/identity", null, ok(), ok(), ok()),
				new Endpoint(HttpMethod.GET, "/api/subscriptions/no-such-endpoint", null, fail(404, "not_found"),
						fail(404, "not_found"), fail(404, "not_found")));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("cases")
	void endpointAnswersEachCallerExactly(Endpoint endpoint, Caller caller) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(), endpoint.path())
			.accept(MediaType.APPLICATION_JSON);
		if (endpoint.body() != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(endpoint.body());
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
		if (expected.status() == 200) {
			assertThat(body).contains("\"account_id\":\"" + caller.account + "\"");
		}
	}

	private static Expect ok() {
		return new Expect(200, null);
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

		@Bean
		AccountCustomerResolver accountCustomerResolver() {
			return (account) -> account.equals("acct_active") ? Optional.of("cus_active") : Optional.empty();
		}

	}

}
