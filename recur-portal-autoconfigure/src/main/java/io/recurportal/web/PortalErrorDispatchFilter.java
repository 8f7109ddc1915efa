package io.recurportal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

import io.recurportal.error.HttpErrors;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalProblemDetails;
import io.recurportal.error.RecurErrorEnvelope;

/**
 * Answers the container's error dispatch for the portal's own paths the way the portal
 * answers everything else: errors that happen before any portal handler runs (Spring
 * Security's firewall rejecting {@code /api/subscriptions/%2e%2e/cancel}, a {@code TRACE}
 * refused by the container, a path no handler or resource serves) would otherwise get
 * the host's error page. Under the account API they are problem details, under the
 * server API Recur's envelope, under the pages the portal's error page for browsers or
 * a problem otherwise. Other paths, and statuses the portal has no code for, go on to
 * the host's error handling untouched.
 * <p>
 * The failed request's path is matched leniently (path parameters dropped, slashes
 * collapsed, percent-decoded), since the paths the firewall rejects are exactly the odd
 * ones.
 */
public final class PortalErrorDispatchFilter extends OncePerRequestFilter {

	private final String apiPath;

	private final String serverPath;

	private final List<String> pagePaths;

	private final @Nullable PortalAccessDeniedHandler pages;

	/**
	 * Creates the filter.
	 * @param apiPath the account API's path, {@code /api/subscriptions} by default
	 * @param serverPath the server API's path, {@code /v1} by default
	 * @param portalPath the pages' path, {@code /portal} by default
	 * @param pages renders the portal's error page, or {@code null} without pages
	 */
	public PortalErrorDispatchFilter(String apiPath, String serverPath, String portalPath,
			@Nullable PortalAccessDeniedHandler pages) {
		this.apiPath = apiPath;
		this.serverPath = serverPath;
		this.pagePaths = List.of(portalPath, "/recur-portal");
		this.pages = pages;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getDispatcherType() != DispatcherType.ERROR;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		PortalErrorCode code = HttpErrors.codeOf(status(request));
		String path = failedPath(request);
		if (code == null || path == null || response.isCommitted()) {
			chain.doFilter(request, response);
			return;
		}
		if (!answer(request, response, code, path)) {
			chain.doFilter(request, response);
		}
	}

	/**
	 * Answers an error in the format of the portal path it happened on.
	 * @return whether the path is the portal's and the error was answered
	 */
	boolean answer(HttpServletRequest request, HttpServletResponse response, PortalErrorCode code, String path)
			throws IOException {
		String detail = HttpErrors.detail(code);
		if (under(path, this.apiPath)) {
			PortalProblemDetails.write(response, code, detail);
		}
		else if (under(path, this.serverPath)) {
			RecurErrorEnvelope.write(response, code, detail);
		}
		else if (this.pagePaths.stream().anyMatch((prefix) -> under(path, prefix))) {
			if (this.pages == null || !PortalAccessDeniedHandler.wantsHtml(request)
					|| !this.pages.renderPage(request, response, code)) {
				PortalProblemDetails.write(response, code, detail);
			}
		}
		else {
			return false;
		}
		return true;
	}

	/**
	 * Whether a path is one of the portal's, which {@link #answer} answers.
	 */
	boolean covers(String path) {
		return under(path, this.apiPath) || under(path, this.serverPath)
				|| this.pagePaths.stream().anyMatch((prefix) -> under(path, prefix));
	}

	private static int status(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		return (status instanceof Integer code) ? code : HttpStatus.INTERNAL_SERVER_ERROR.value();
	}

	private static @Nullable String failedPath(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (!(uri instanceof String path)) {
			return null;
		}
		return lenientPath(request, path);
	}

	static String lenientPath(HttpServletRequest request, String path) {
		String contextPath = request.getContextPath();
		if (!contextPath.isEmpty() && path.startsWith(contextPath)) {
			path = path.substring(contextPath.length());
		}
		path = path.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
		try {
			return UriUtils.decode(path, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return path;
		}
	}

	private static boolean under(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

}
