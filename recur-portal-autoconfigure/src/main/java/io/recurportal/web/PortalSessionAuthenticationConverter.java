package io.recurportal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the browser's portal session cookie into an unauthenticated
 * {@link PortalSessionAuthenticationToken}, for the
 * {@link PortalSessionAuthenticationProvider} to look up. Without the cookie there is
 * nothing to authenticate and the request goes on as it came.
 */
public final class PortalSessionAuthenticationConverter implements AuthenticationConverter {

	@Override
	public @Nullable PortalSessionAuthenticationToken convert(HttpServletRequest request) {
		return PortalCookies.read(request, PortalCookies.SESSION)
			.map(PortalSessionAuthenticationToken::unauthenticated)
			.orElse(null);
	}

}
