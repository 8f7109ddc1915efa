package io.recurportal.server;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.recurportal.error.HttpErrors;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.RecurErrorEnvelope;

/**
 * Answers the errors Spring MVC and the container report by {@code sendError} (no
 * handler for the path, a method the path does not take, a media type it cannot
 * produce, ...) in Recur's envelope, so no answer under the server API's path has
 * another shape. Errors the API's own code raises are answered by
 * {@link ServerApiExceptionHandler}.
 */
public final class ServerApiErrorFilter extends OncePerRequestFilter {

	// The server API's own words for the two statuses that mean more here.
	private static final Map<PortalErrorCode, String> messages = Map.of(PortalErrorCode.INVALID_API_KEY,
			"A valid portal secret key is required as a bearer token.", PortalErrorCode.PROVIDER_UNAVAILABLE,
			"The service is unavailable; try again later.");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new EnvelopeErrorResponse(response));
	}

	// Error dispatches go through the same chain: the envelope was written already.
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	static PortalErrorCode codeFor(int status) {
		if (status == HttpStatus.UNAUTHORIZED.value()) {
			return PortalErrorCode.INVALID_API_KEY;
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			return PortalErrorCode.PROVIDER_UNAVAILABLE;
		}
		PortalErrorCode code = HttpErrors.codeOf(status);
		if (code != null) {
			return code;
		}
		return (status >= 400 && status < 500) ? PortalErrorCode.INVALID_REQUEST : PortalErrorCode.INTERNAL_ERROR;
	}

	/**
	 * Writes the envelope where the container would render its error page.
	 */
	private static final class EnvelopeErrorResponse extends HttpServletResponseWrapper {

		EnvelopeErrorResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendError(int status) throws IOException {
			sendError(status, null);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			if (isCommitted()) {
				super.sendError(status, message);
				return;
			}
			// The headers an error sets (Allow on a 405) stay; a half-written body does not.
			resetBuffer();
			PortalErrorCode code = codeFor(status);
			RecurErrorEnvelope.write((HttpServletResponse) getResponse(), code,
					messages.getOrDefault(code, HttpErrors.detail(code)));
			// The status is the one reported, even where no code is more precise.
			setStatus(status);
		}

	}

}
