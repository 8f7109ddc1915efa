package io.recurportal.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessions;

/**
 * Finds the live portal session of the browser's portal cookie and leaves it under
 * {@link #SESSION_ATTRIBUTE}. Without a live session the request goes on with none:
 * the page decides what to show.
 */
public final class PortalBrowserSessionFilter extends OncePerRequestFilter {

	/** The request attribute holding the {@link PortalSession}. */
	public static final String SESSION_ATTRIBUTE = PortalSession.class.getName();

	private final PortalSessions sessions;

	public PortalBrowserSessionFilter(PortalSessions sessions) {
		Assert.notNull(sessions, "sessions must not be null");
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		PortalCookies.read(request, PortalCookies.SESSION)
			.flatMap(this.sessions::findByBrowserToken)
			.ifPresent((session) -> request.setAttribute(SESSION_ATTRIBUTE, session));
		chain.doFilter(request, response);
	}

}
