package io.recurportal.web;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.util.Assert;

import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessions;

/**
 * Authenticates a {@link PortalSessionAuthenticationToken} by looking its browser token
 * up through {@link PortalSessions}: a live session makes it authenticated.
 * <p>
 * A cookie that names no live session (ended, expired, unknown) is not an error: the
 * browser is then the anonymous user, exactly as without a cookie, and each page
 * decides what to show (the link, sign-in and e-mail confirmation pages are public).
 */
public final class PortalSessionAuthenticationProvider implements AuthenticationProvider {

	// The anonymous user of Spring Security's AnonymousAuthenticationFilter, which a dead cookie stands for.
	private static final String ANONYMOUS_KEY = PortalSessionAuthenticationProvider.class.getName();

	private final PortalSessions sessions;

	public PortalSessionAuthenticationProvider(PortalSessions sessions) {
		Assert.notNull(sessions, "sessions must not be null");
		this.sessions = sessions;
	}

	/**
	 * The filter that authenticates the portal session cookie: Spring Security's
	 * {@link AuthenticationFilter} with the {@link PortalSessionAuthenticationConverter}
	 * and this provider. It creates no HTTP session, and every request goes on down the
	 * chain, with or without a live session.
	 * @param sessions the portal sessions
	 * @return the filter
	 */
	public static AuthenticationFilter authenticationFilter(PortalSessions sessions) {
		AuthenticationFilter filter = new AuthenticationFilter(
				new ProviderManager(new PortalSessionAuthenticationProvider(sessions)),
				new PortalSessionAuthenticationConverter());
		// The default success handler redirects; here the page asked for is the answer.
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		// Kept for this request's own dispatches (an error page), never in an HTTP session.
		filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		return filter;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		PortalSessionAuthenticationToken token = (PortalSessionAuthenticationToken) authentication;
		String browserToken = token.getCredentials();
		Optional<PortalSession> session = (browserToken != null) ? this.sessions.findByBrowserToken(browserToken)
				: Optional.empty();
		return session.<Authentication>map(PortalSessionAuthenticationToken::authenticated)
			.orElseGet(() -> new AnonymousAuthenticationToken(ANONYMOUS_KEY, "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return PortalSessionAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
