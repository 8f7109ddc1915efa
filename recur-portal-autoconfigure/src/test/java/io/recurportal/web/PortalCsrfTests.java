package io.recurportal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockCookie;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Form tokens are bound to the browser's portal session, or before one exists to the
 * browser's own token cookie, and taken from the pages as a browser takes them. No test
 * here uses spring-security-test's {@code csrf()}: it replaces the filter's token
 * repository for the whole context, so this class has a context of its own.
 * <p>
 * Runs against each provider: {@link SandboxPortalCsrfTests},
 * {@link FakeProviderPortalCsrfTests}.
 */
@TestPropertySource(properties = { "recur.portal.allowed-return-origins=https://app.example.com",
		"recur.portal.base-url=https://billing.example.com",
		"recur.portal.configurations.full.branding.business-name=Form Tokens Inc" })
abstract class PortalCsrfTests {

	private static final String RETURN = "https://app.example.com/account";

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PortalSessions sessions;

	@Test
	void tokenOfOneSessionIsRefusedWithAnothersCookie() throws Exception {
		Cookie sessionA = open("cus_active");
		Cookie sessionB = open("cus_on_hold");
		MockHttpServletResponse pageA = this.mvc.perform(get("/portal").cookie(sessionA))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		String tokenA = csrfField(pageA);
		// Whatever else the page set (a double-submit cookie, say) travels with the token.
		List<Cookie> withB = new ArrayList<>(List.of(sessionB));
		List<Cookie> withA = new ArrayList<>(List.of(sessionA));
		for (Cookie cookie : setCookies(pageA)) {
			if (!cookie.getName().equals(PortalCookies.SESSION)) {
				withB.add(cookie);
				withA.add(cookie);
			}
		}
		this.mvc.perform(post("/portal/return").cookie(withB.toArray(Cookie[]::new)).param("_csrf", tokenA))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("invalid_csrf_token"));
		this.mvc
			.perform(post("/portal/return").cookie(withB.toArray(Cookie[]::new))
				.param("_csrf", tokenA)
				.accept(MediaType.TEXT_HTML))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("This form has expired")));
		// Session B was not ended by the forged request; A's own form works in A's browser.
		this.mvc.perform(get("/portal").cookie(sessionB)).andExpect(status().isOk());
		this.mvc.perform(post("/portal/return").cookie(withA.toArray(Cookie[]::new)).param("_csrf", tokenA))
			.andExpect(redirectedUrl(RETURN));
	}

	@Test
	void formsBeforeASessionHaveATokenBoundToTheirBrowser() throws Exception {
		MockHttpServletResponse formA = this.mvc.perform(get("/portal/login"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		MockHttpServletResponse formB = this.mvc.perform(get("/portal/login"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		String tokenA = csrfField(formA);
		assertThat(setCookies(formA)).extracting(Cookie::getName).contains(SessionBoundCsrfTokenRepository.COOKIE);
		this.mvc
			.perform(post("/portal/login").cookie(setCookies(formB))
				.param("_csrf", tokenA)
				.param("email", "nobody@example.com"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("invalid_csrf_token"));
		this.mvc.perform(post("/portal/login").param("_csrf", tokenA).param("email", "nobody@example.com"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/portal/login").cookie(setCookies(formA))
				.param("_csrf", tokenA)
				.param("email", "nobody@example.com"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Check your email")));
	}

	private Cookie open(String customerId) throws Exception {
		String url = this.sessions.create(PortalSessionRequest.forCustomer(customerId, RETURN)).url();
		return this.mvc.perform(get(url.substring(url.indexOf("/portal/s/"))))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getCookie(PortalCookies.SESSION);
	}

	// Every cookie the response set, as the browser keeps it.
	private static Cookie[] setCookies(MockHttpServletResponse response) {
		return response.getHeaders("Set-Cookie").stream().map(MockCookie::parse).toArray(Cookie[]::new);
	}

	private static String csrfField(MockHttpServletResponse response) throws Exception {
		Matcher field = CSRF_FIELD.matcher(response.getContentAsString());
		assertThat(field.find()).as("a _csrf field in the page").isTrue();
		return field.group(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return new TestJwts().decoder();
		}

	}

}
