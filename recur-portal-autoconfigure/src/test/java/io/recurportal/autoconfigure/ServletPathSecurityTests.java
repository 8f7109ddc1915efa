package io.recurportal.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A host whose DispatcherServlet has a servlet path: the portal's chains match below it
 * (Boot's {@code PathPatternRequestMatcher.Builder}), and the hosts' chain customizers
 * are applied.
 */
@SpringBootTest(classes = { TestHostApplication.class, ServletPathSecurityTests.Config.class },
		properties = { "spring.mvc.servlet.path=/app", "recur.portal.billing=sandbox",
				"recur.portal.sandbox.seed=classpath:test-seed.json" })
@AutoConfigureMockMvc
class ServletPathSecurityTests {

	static final TestJwts jwts = new TestJwts();

	@Autowired
	private MockMvc mvc;

	@Test
	void accountApiBelowServletPathIsThePortalsChain() throws Exception {
		this.mvc.perform(get("/app/api/subscriptions").servletPath("/app"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
			.andExpect(jsonPath("$.code").value("unauthenticated"))
			.andExpect(header().string("X-Portal-Chain", "api"));
		this.mvc
			.perform(get("/app/api/subscriptions").servletPath("/app")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + jwts.token("acct_active", "bob", "member")))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Portal-Chain", "api"));
		this.mvc.perform(get("/app/api/subscriptions").servletPath("/app")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + jwts.withoutAccount()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("account_claim_missing"));
	}

	@Test
	void pagesBelowServletPathAreThePortalsChain() throws Exception {
		this.mvc.perform(get("/app/portal/login").servletPath("/app"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Portal-Chain", "pages"))
			.andExpect(header().exists("Content-Security-Policy"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

		@Bean
		PortalApiSecurityCustomizer apiChainHeader() {
			return (http) -> http
				.headers((headers) -> headers.addHeaderWriter(new StaticHeadersWriter("X-Portal-Chain", "api")));
		}

		@Bean
		PortalPagesSecurityCustomizer pagesChainHeader() {
			return (http) -> http
				.headers((headers) -> headers.addHeaderWriter(new StaticHeadersWriter("X-Portal-Chain", "pages")));
		}

	}

}
