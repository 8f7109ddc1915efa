package io.recurportal.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;

import io.recurportal.access.PortalAccessPolicy;
import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.session.PortalSession;

/**
 * What every portal page needs in its model: texts and formats in the page's language,
 * branding, what the caller may do, the return link, and a fresh request id for forms
 * so a double submit is one change. Public for the pages a provider adds to the portal
 * (the sandbox's checkout page).
 */
public final class PortalPageContext {

	private final PortalAccessPolicy policy;

	private final String portalPath;

	private final PortalConfigurations configurations;

	PortalPageContext(PortalAccessPolicy policy, PortalConfigurations configurations, String portalPath) {
		this.policy = policy;
		this.configurations = configurations;
		this.portalPath = portalPath;
	}

	/**
	 * The account of the browser's portal session.
	 * @return the account id, or {@code null} when the browser has no portal session
	 */
	public @Nullable String sessionAccountId() {
		PortalSession session = PortalPagesController.session();
		return (session != null) ? PortalSessionCallerResolver.accountIdOf(session) : null;
	}

	String portalPath() {
		return this.portalPath;
	}

	/**
	 * Fills a page's model with what every portal page needs.
	 * @param model the model
	 * @param request the request
	 * @param response the response, for the language cookie
	 * @param caller who is calling, if known
	 * @param session the browser's portal session, if any
	 * @param configuration the portal configuration, else the caller's
	 * @return the page's language
	 */
	public Locale prepare(Model model, HttpServletRequest request, HttpServletResponse response,
			@Nullable PortalCaller caller, @Nullable PortalSession session,
			@Nullable PortalConfiguration configuration) {
		Locale locale = PortalLocales.resolve(request, response, session, this.portalPath);
		// A form's token may need a cookie: make it now, while headers can still be set.
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
			token.getToken();
		}
		model.addAttribute("msg", new PortalMessages(locale));
		model.addAttribute("fmt", new PortalFormat(locale));
		model.addAttribute("portalPath", this.portalPath);
		model.addAttribute("currentPath", request.getRequestURI());
		model.addAttribute("languages", PortalLocales.SUPPORTED.stream().map(Locale::toLanguageTag).toList());
		model.addAttribute("requestId", UUID.randomUUID().toString());
		PortalConfiguration effective = (configuration != null) ? configuration
				: (caller != null) ? caller.configuration() : null;
		// Error pages and providers' pages know no caller: the browser's portal session says whose brand it is.
		PortalSession browser = (session != null) ? session : PortalPagesController.session();
		if (effective == null && browser != null) {
			effective = this.configurations.find(browser.configurationId()).orElse(null);
		}
		model.addAttribute("brand",
				(effective != null) ? effective.branding().in(locale) : PortalConfiguration.Branding.NONE);
		model.addAttribute("configurationId", (effective != null) ? effective.id() : null);
		model.addAttribute("returnUrl", (session != null) ? session.returnUrl() : null);
		Map<String, Boolean> can = new HashMap<>();
		for (PortalAction action : PortalAction.values()) {
			can.put(action.value(), caller != null && this.policy.allows(caller, action));
		}
		model.addAttribute("can", can);
		return locale;
	}

}
