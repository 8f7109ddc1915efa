package io.recurportal.account;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

class BearerProblemEntryPointTests {

	private final BearerProblemEntryPoint entryPoint = new BearerProblemEntryPoint();

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/subscriptions");

	private MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void commenceWhenAccountClaimMissingThenUnauthorizedWithAccountClaimMissing() throws Exception {
		this.entryPoint.commence(this.request, this.response, new AccountClaimMissingException());
		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader("WWW-Authenticate"))
			.isEqualTo("Bearer error=\"invalid_token\", error_description=\"The token names no account\"");
		assertThat(this.response.getContentType()).startsWith("application/problem+json");
		assertThat(this.response.getContentAsString()).contains("\"code\":\"account_claim_missing\"");
	}

	@Test
	void commenceWhenInvalidTokenThenUnauthorizedWithInvalidToken() throws Exception {
		this.entryPoint.commence(this.request, this.response, new InvalidBearerTokenException("expired"));
		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
		assertThat(this.response.getContentAsString()).contains("\"code\":\"invalid_token\"");
	}

	@Test
	void commenceWhenNoTokenThenUnauthorizedWithUnauthenticated() throws Exception {
		this.entryPoint.commence(this.request, this.response, new InsufficientAuthenticationException("none"));
		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader("WWW-Authenticate")).startsWith("Bearer").doesNotContain("error=");
		assertThat(this.response.getContentAsString()).contains("\"code\":\"unauthenticated\"");
	}

	@Test
	void commenceWhenNoOriginThenNoResourceMetadata() throws Exception {
		this.request.addHeader("Host", "evil.example");
		this.entryPoint.commence(this.request, this.response, new InsufficientAuthenticationException("none"));
		assertThat(this.response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
		this.response = new MockHttpServletResponse();
		this.entryPoint.commence(this.request, this.response, new InvalidBearerTokenException("expired"));
		assertThat(this.response.getHeader("WWW-Authenticate")).isEqualTo(
				"Bearer error=\"invalid_token\", error_description=\"expired\", "
						+ "error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\"");
	}

	@Test
	void commenceWhenOriginThenResourceMetadataOnIt() throws Exception {
		this.request.addHeader("Host", "evil.example");
		new BearerProblemEntryPoint((path) -> "https://billing.example.com" + path).commence(this.request,
				this.response, new InsufficientAuthenticationException("none"));
		assertThat(this.response.getHeader("WWW-Authenticate"))
			.isEqualTo("Bearer resource_metadata=\"https://billing.example.com/.well-known/oauth-protected-resource\"");
	}

}
