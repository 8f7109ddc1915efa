package io.recurportal.account;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

class AccountContextFilterTests {

	private final AccountContextFilter filter = new AccountContextFilter(
			new JwtAccountContextReader(AccountClaimNames.DEFAULT));

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/subscriptions");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final MockFilterChain chain = new MockFilterChain();

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void doFilterWhenNotAuthenticatedThenPassesOnUntouched() throws Exception {
		this.filter.doFilter(this.request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isSameAs(this.request);
		assertThat(this.request.getAttribute(AccountContextFilter.ACCOUNT_CONTEXT_ATTRIBUTE)).isNull();
	}

	@Test
	void doFilterWhenNotJwtAuthenticationThenPassesOnUntouched() throws Exception {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("user", "pw", "ROLE_X"));
		this.filter.doFilter(this.request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isSameAs(this.request);
		assertThat(this.request.getAttribute(AccountContextFilter.ACCOUNT_CONTEXT_ATTRIBUTE)).isNull();
	}

	@Test
	void doFilterWhenNoAccountClaimThenUnauthorized() throws Exception {
		authenticate(jwt().claim("sub", "alice").build());
		this.filter.doFilter(this.request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
		assertThat(this.response.getContentType()).startsWith("application/problem+json");
		assertThat(this.response.getContentAsString()).contains("\"code\":\"account_claim_missing\"");
	}

	@Test
	void doFilterWhenBlankAccountClaimThenUnauthorized() throws Exception {
		authenticate(jwt().claim("sub", "alice").claim("acc", "  ").build());
		this.filter.doFilter(this.request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.response.getStatus()).isEqualTo(401);
	}

	@Test
	void doFilterWhenOwnerThenSetsAccountContextAndContinues() throws Exception {
		authenticate(jwt().claim("sub", "alice").claim("acc", "acct_1").claim("role", "owner").build());
		this.filter.doFilter(this.request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isSameAs(this.request);
		assertThat(this.request.getAttribute(AccountContextFilter.ACCOUNT_CONTEXT_ATTRIBUTE))
			.isEqualTo(new AccountContext("acct_1", "alice", java.util.Set.of("owner"), true));
	}

	@Test
	void doFilterWhenRolesArrayWithoutOwnerThenMemberContext() throws Exception {
		authenticate(jwt().claim("sub", "bob")
			.claim("acc", "acct_1")
			.claim("role", List.of("member", "billing-viewer"))
			.build());
		this.filter.doFilter(this.request, this.response, this.chain);
		AccountContext context = (AccountContext) this.request
			.getAttribute(AccountContextFilter.ACCOUNT_CONTEXT_ATTRIBUTE);
		assertThat(context.roles()).containsExactlyInAnyOrder("member", "billing-viewer");
		assertThat(context.owner()).isFalse();
	}

	private static Jwt.Builder jwt() {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(300));
	}

	private static void authenticate(Jwt jwt) {
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));
	}

}
