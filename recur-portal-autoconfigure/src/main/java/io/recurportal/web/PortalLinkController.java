package io.recurportal.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.UriComponentsBuilder;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.error.PortalException;
import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.PortalSessions.OpenedPortalSession;
import io.recurportal.session.PortalTokens;
import io.recurportal.subscription.AccountSubscriptions;

/**
 * Opening a portal link, once, and leaving the portal.
 * <p>
 * Opening starts the browser session (an HttpOnly cookie) and redirects, so the token
 * leaves the address bar and the history; the page sends no referrer. A link that was
 * used or has expired gets a page that says so and leads back.
 * <p>
 * A {@code HEAD} request never opens a link, and neither does a {@code GET} of a link
 * sent by email: mail scanners fetch those before the customer sees them. Such a link
 * shows a page whose button opens it (a POST, with the portal's CSRF token). A link a
 * host's backend made opens on {@code GET}: the host redirects the signed-in customer to
 * it right after making it.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}")
public class PortalLinkController {

	private static final Log logger = LogFactory.getLog(PortalLinkController.class);

	private final PortalSessions sessions;

	private final AccountSubscriptions subscriptions;

	private final PortalConfigurations configurations;

	private final PortalPageContext context;

	PortalLinkController(PortalSessions sessions, AccountSubscriptions subscriptions,
			PortalConfigurations configurations, PortalPageContext context) {
		this.sessions = sessions;
		this.subscriptions = subscriptions;
		this.configurations = configurations;
		this.context = context;
	}

	@GetMapping("/s/{token}")
	@PortalEndpoint.Public("The link's one-time token is the credential; opening it starts the session.")
	String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setHeader("Referrer-Policy", "no-referrer");
		// Spring maps HEAD to this handler too: a HEAD (a link checker, a scanner) only looks.
		if (HttpMethod.HEAD.matches(request.getMethod()) || PortalTokens.needsConfirmation(token)) {
			return confirmation(token, request, response, model);
		}
		return redeem(token, request, response, model);
	}

	@PostMapping("/s/{token}")
	@PortalEndpoint.Public("The link's one-time token is the credential; the confirming form carries a CSRF token.")
	String confirm(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		response.setHeader("Referrer-Policy", "no-referrer");
		return redeem(token, request, response, model);
	}

	private String confirmation(String token, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<PortalSession> known = this.sessions.findByLinkToken(token);
		if (known.isEmpty() || known.get().accessedAt() != null
				|| !this.sessions.now().isBefore(known.get().expiresAt())) {
			return unusable(token, known, request, response, model);
		}
		PortalSession session = known.get();
		this.context.prepare(model, request, response, null, session,
				this.configurations.find(session.configurationId()).orElse(null));
		model.addAttribute("token", token);
		return "recur-portal/open";
	}

	private String redeem(String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<OpenedPortalSession> opened = this.sessions.open(token);
		if (opened.isEmpty()) {
			return unusable(token, this.sessions.findByLinkToken(token), request, response, model);
		}
		PortalSession session = opened.get().session();
		// The cookie first: the link is used now, so the customer must keep the session it
		// started whatever happens next.
		PortalCookies.write(request, response, PortalCookies.SESSION, opened.get().browserToken(),
				PortalSessions.BROWSER_SESSION_LIFETIME, this.context.portalPath(), true);
		try {
			this.subscriptions.syncCustomer(PortalSessionCallerResolver.accountIdOf(session), session.customerId());
		}
		catch (PortalException ex) {
			// The overview syncs this session's customer again, and shows a page that
			// retries while the provider is down.
			logger.info("recur-portal: portal session " + session.id() + " opened, its first sync failed: "
					+ ex.getErrorCode().code());
		}
		return "redirect:" + this.context.portalPath();
	}

	private String unusable(String token, Optional<PortalSession> known, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		this.context.prepare(model, request, response, null, known.orElse(null),
				known.flatMap((session) -> this.configurations.find(session.configurationId())).orElse(null));
		if (PortalTokens.needsConfirmation(token)) {
			// An emailed login link has no page to go back to: the way on is a new link.
			model.addAttribute("loginUrl", UriComponentsBuilder.fromPath(this.context.portalPath() + "/login")
				.queryParamIfPresent("configuration", known.map(PortalSession::configurationId))
				.build()
				.encode()
				.toUriString());
		}
		model.addAttribute("reason", known.map((session) -> (session.accessedAt() != null) ? "used" : "expired")
			.orElse("unknown"));
		response.setStatus(known.isPresent() ? HttpStatus.GONE.value() : HttpStatus.NOT_FOUND.value());
		return "recur-portal/link";
	}

	@PostMapping("/return")
	@PortalEndpoint.Public("Ends the session the cookie names, if any, and leads to its checked return URL.")
	String leave(HttpServletRequest request, HttpServletResponse response) {
		PortalSession session = PortalPagesController.session();
		PortalCookies.read(request, PortalCookies.SESSION).ifPresent(this.sessions::end);
		PortalCookies.clear(request, response, PortalCookies.SESSION, this.context.portalPath());
		// The return URL was checked against the allowed origins when the session was made.
		return "redirect:" + ((session != null && session.returnUrl() != null) ? session.returnUrl()
				: this.context.portalPath());
	}

}
