package io.recurportal.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.Assert;

import io.recurportal.session.PortalSession;

/**
 * The {@link Authentication} of a portal page's browser: before authentication, the
 * browser token from the session cookie; after, the live {@link PortalSession} it names
 * (customer, account, configuration, owner), and no longer the token.
 *
 * @see PortalSessionAuthenticationConverter
 * @see PortalSessionAuthenticationProvider
 */
public final class PortalSessionAuthenticationToken extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final @Nullable String browserToken;

	@SuppressWarnings("serial") // never serialized: the portal pages are stateless
	private final @Nullable PortalSession session;

	private PortalSessionAuthenticationToken(@Nullable String browserToken, @Nullable PortalSession session) {
		super(List.of());
		this.browserToken = browserToken;
		this.session = session;
		setAuthenticated(session != null);
	}

	/**
	 * A token to authenticate: the browser token of a session cookie.
	 * @param browserToken the cookie's value
	 * @return an unauthenticated token
	 */
	public static PortalSessionAuthenticationToken unauthenticated(String browserToken) {
		Assert.hasText(browserToken, "browserToken must not be empty");
		return new PortalSessionAuthenticationToken(browserToken, null);
	}

	/**
	 * The authentication of a browser whose cookie names a live session.
	 * @param session the session
	 * @return an authenticated token
	 */
	public static PortalSessionAuthenticationToken authenticated(PortalSession session) {
		Assert.notNull(session, "session must not be null");
		return new PortalSessionAuthenticationToken(null, session);
	}

	/**
	 * The live portal session of the current request, if it has one.
	 * @param strategy where the security context is held
	 * @return the session, or {@code null} without a live one
	 */
	public static @Nullable PortalSession currentSession(SecurityContextHolderStrategy strategy) {
		Authentication authentication = strategy.getContext().getAuthentication();
		return (authentication instanceof PortalSessionAuthenticationToken token) ? token.session : null;
	}

	/**
	 * The browser token to look up, before authentication.
	 * @return the token, or {@code null} once authenticated
	 */
	@Override
	public @Nullable String getCredentials() {
		return this.browserToken;
	}

	/**
	 * The live session, once authenticated.
	 * @return the session, or {@code null} before authentication
	 */
	@Override
	public @Nullable PortalSession getPrincipal() {
		return this.session;
	}

	/**
	 * The live session, once authenticated.
	 * @return the session, or {@code null} before authentication
	 */
	public @Nullable PortalSession getSession() {
		return this.session;
	}

	@Override
	public String getName() {
		return (this.session != null) ? "portal-session:" + this.session.id() : "";
	}

}
