package io.recurportal.web;

import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFilter;

import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class PortalSessionAuthenticationTests {

	private static final String BROWSER_TOKEN = "browser-token";

	private final PortalSessions sessions = mock(PortalSessions.class);

	private final PortalSession session = new PortalSession("ps_1", "cus_1", "acct_1", "full", null, null, true,
			Instant.now(), Instant.now().plusSeconds(3600), Instant.now(), Instant.now().plusSeconds(1800));

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/portal");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final MockFilterChain chain = new MockFilterChain();

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void convertWhenSessionCookieThenUnauthenticatedTokenWithBrowserToken() {
		this.request.setCookies(new Cookie(PortalCookies.SESSION, BROWSER_TOKEN));
		PortalSessionAuthenticationToken token = new PortalSessionAuthenticationConverter().convert(this.request);
		assertThat(token).isNotNull();
		assertThat(token.isAuthenticated()).isFalse();
		assertThat(token.getCredentials()).isEqualTo(BROWSER_TOKEN);
		assertThat(token.getSession()).isNull();
	}

	@Test
	void convertWhenNoSessionCookieThenNull() {
		this.request.setCookies(new Cookie("other", "x"));
		assertThat(new PortalSessionAuthenticationConverter().convert(this.request)).isNull();
	}

	@Test
	void authenticateWhenLiveSessionThenAuthenticatedWithSessionAndNoToken() {
		given(this.sessions.findByBrowserToken(BROWSER_TOKEN)).willReturn(Optional.of(this.session));
		Authentication result = new PortalSessionAuthenticationProvider(this.sessions)
			.authenticate(PortalSessionAuthenticationToken.unauthenticated(BROWSER_TOKEN));
		assertThat(result).isInstanceOf(PortalSessionAuthenticationToken.class);
		assertThat(result.isAuthenticated()).isTrue();
		assertThat(((PortalSessionAuthenticationToken) result).getSession()).isSameAs(this.session);
		assertThat(result.getCredentials()).isNull();
		assertThat(result.getName()).isEqualTo("portal-session:ps_1");
	}

	@Test
	void authenticateWhenDeadSessionThenAnonymous() {
		given(this.sessions.findByBrowserToken(BROWSER_TOKEN)).willReturn(Optional.empty());
		Authentication result = new PortalSessionAuthenticationProvider(this.sessions)
			.authenticate(PortalSessionAuthenticationToken.unauthenticated(BROWSER_TOKEN));
		assertThat(result).isInstanceOf(AnonymousAuthenticationToken.class);
	}

	@Test
	void supportsOnlyPortalSessionTokens() {
		PortalSessionAuthenticationProvider provider = new PortalSessionAuthenticationProvider(this.sessions);
		assertThat(provider.supports(PortalSessionAuthenticationToken.class)).isTrue();
		assertThat(provider.supports(AnonymousAuthenticationToken.class)).isFalse();
	}

	@Test
	void doFilterWhenLiveSessionThenAuthenticatedAndContinues() throws Exception {
		given(this.sessions.findByBrowserToken(BROWSER_TOKEN)).willReturn(Optional.of(this.session));
		this.request.setCookies(new Cookie(PortalCookies.SESSION, BROWSER_TOKEN));
		AuthenticationFilter filter = PortalSessionAuthenticationProvider.authenticationFilter(this.sessions);
		filter.doFilter(this.request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isSameAs(this.request);
		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.response.getRedirectedUrl()).isNull();
		assertThat(PortalSessionAuthenticationToken.currentSession(SecurityContextHolder.getContextHolderStrategy()))
			.isSameAs(this.session);
		assertThat(PortalPagesController.session()).isSameAs(this.session);
		// Stateless: no HTTP session is created.
		assertThat(this.request.getSession(false)).isNull();
	}

	@Test
	void doFilterWhenDeadSessionThenContinuesWithoutSession() throws Exception {
		given(this.sessions.findByBrowserToken(BROWSER_TOKEN)).willReturn(Optional.empty());
		this.request.setCookies(new Cookie(PortalCookies.SESSION, BROWSER_TOKEN));
		PortalSessionAuthenticationProvider.authenticationFilter(this.sessions)
			.doFilter(this.request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isSameAs(this.request);
		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(PortalPagesController.session()).isNull();
		assertThat(this.request.getSession(false)).isNull();
	}

	@Test
	void doFilterWhenNoCookieThenContinuesWithoutLookingUp() throws Exception {
		PortalSessionAuthenticationProvider.authenticationFilter(this.sessions)
			.doFilter(this.request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isSameAs(this.request);
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
		verifyNoInteractions(this.sessions);
	}

}
