package io.recurportal.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.PortalSessions.OpenedPortalSession;
import io.recurportal.subscription.AccountSubscriptions;

/**
 * Opening a portal link, once, and leaving the portal.
 * <p>
 * Opening starts the browser session (an HttpOnly cookie) and redirects, so the token
 * leaves the address bar and the history; the page sends no referrer. A link that was
 * used or has expired gets a page that says so and leads back.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}")
public class PortalLinkController {

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
		Optional<OpenedPortalSession> opened = this.sessions.open(token);
		if (opened.isPresent()) {
			PortalSession session = opened.get().session();
			this.subscriptions.syncCustomer(PortalSessionCallerResolver.accountIdOf(session), session.customerId());
			PortalCookies.write(request, response, PortalCookies.SESSION, opened.get().browserToken(),
					PortalSessions.BROWSER_SESSION_LIFETIME, this.context.portalPath(), true);
			return "redirect:" + this.context.portalPath();
		}
		Optional<PortalSession> known = this.sessions.findByLinkToken(token);
		this.context.prepare(model, request, response, null, known.orElse(null),
				known.flatMap((session) -> this.configurations.find(session.configurationId())).orElse(null));
		model.addAttribute("reason", known.map((session) -> (session.accessedAt() != null) ? "used" : "expired")
			.orElse("unknown"));
		response.setStatus(known.isPresent() ? HttpStatus.GONE.value() : HttpStatus.NOT_FOUND.value());
		return "recur-portal/link";
	}

	@PostMapping("/return")
	@PortalEndpoint.Public("Ends the session the cookie names, if any, and leads to its checked return URL.")
	String leave(HttpServletRequest request, HttpServletResponse response) {
		PortalSession session = PortalPagesController.session(request);
		PortalCookies.read(request, PortalCookies.SESSION).ifPresent(this.sessions::end);
		PortalCookies.clear(request, response, PortalCookies.SESSION, this.context.portalPath());
		// The return URL was checked against the allowed origins when the session was made.
		return "redirect:" + ((session != null && session.returnUrl() != null) ? session.returnUrl()
				: this.context.portalPath());
	}

}
