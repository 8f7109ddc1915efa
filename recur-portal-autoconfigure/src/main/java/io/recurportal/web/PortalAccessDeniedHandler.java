package io.recurportal.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalProblemDetails;

/**
 * Answers a form the portal pages' security refuses for its CSRF token (none, or
 * another session's) with 403 {@code invalid_csrf_token}: the portal's error page in
 * the customer's language for a browser, a problem for anything else.
 */
public final class PortalAccessDeniedHandler implements AccessDeniedHandler {

	private static final Log logger = LogFactory.getLog(PortalAccessDeniedHandler.class);

	private final @Nullable PortalPageContext context;

	private final @Nullable ViewResolver views;

	/**
	 * Creates a handler that answers with problems only.
	 */
	public PortalAccessDeniedHandler() {
		this(null, null);
	}

	PortalAccessDeniedHandler(@Nullable PortalPageContext context, @Nullable ViewResolver views) {
		this.context = context;
		this.views = views;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		if (!(denied instanceof CsrfException)) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		PortalErrorCode code = PortalErrorCode.INVALID_CSRF_TOKEN;
		if (wantsHtml(request) && renderPage(request, response, code)) {
			return;
		}
		PortalProblemDetails.write(response, code,
				"The form's security token is missing or belongs to another session. Reload the page and try again.");
	}

	/**
	 * Renders the portal's error page for a code, outside Spring MVC.
	 * @param request the request
	 * @param response the response, not yet committed
	 * @param code the error, whose status the page gets
	 * @return whether the page was rendered; when not, the response is still blank
	 */
	boolean renderPage(HttpServletRequest request, HttpServletResponse response, PortalErrorCode code)
			throws IOException {
		if (this.context == null || this.views == null) {
			return false;
		}
		ExtendedModelMap model = new ExtendedModelMap();
		Locale locale = this.context.prepare(model, request, response, null, PortalPagesController.session(), null);
		model.addAttribute("code", code.code());
		try {
			View page = this.views.resolveViewName("recur-portal/error", locale);
			if (page != null) {
				response.setStatus(code.status().value());
				page.render(model, request, response);
				return true;
			}
		}
		catch (Exception ex) {
			logger.warn("Could not render the portal's error page; answering a problem instead", ex);
			if (response.isCommitted()) {
				return true;
			}
			response.resetBuffer();
		}
		return false;
	}

	static boolean wantsHtml(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null) {
			return false;
		}
		try {
			return MediaType.parseMediaTypes(accept).stream().anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
