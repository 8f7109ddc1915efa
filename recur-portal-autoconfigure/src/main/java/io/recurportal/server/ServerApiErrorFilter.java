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

	private static final Map<HttpStatus, PortalErrorCode> codesByStatus = Map.of(HttpStatus.NOT_FOUND,
			PortalErrorCode.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED, PortalErrorCode.METHOD_NOT_ALLOWED,
			HttpStatus.NOT_ACCEPTABLE, PortalErrorCode.NOT_ACCEPTABLE, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
			PortalErrorCode.UNSUPPORTED_MEDIA_TYPE, HttpStatus.CONTENT_TOO_LARGE, PortalErrorCode.PAYLOAD_TOO_LARGE,
			HttpStatus.UNAUTHORIZED, PortalErrorCode.INVALID_API_KEY, HttpStatus.SERVICE_UNAVAILABLE,
			PortalErrorCode.PROVIDER_UNAVAILABLE);

	private static final Map<PortalErrorCode, String> messages = Map.of(PortalErrorCode.NOT_FOUND,
			"No such endpoint.", PortalErrorCode.METHOD_NOT_ALLOWED, "This endpoint does not take that method.",
			PortalErrorCode.NOT_ACCEPTABLE, "This endpoint answers in JSON only.",
			PortalErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send JSON.", PortalErrorCode.PAYLOAD_TOO_LARGE,
			"The request body is too large.", PortalErrorCode.INVALID_API_KEY,
			"A valid portal secret key is required as a bearer token.", PortalErrorCode.INVALID_REQUEST,
			"The request is malformed or has invalid values.", PortalErrorCode.PROVIDER_UNAVAILABLE,
			"The service is unavailable; try again later.", PortalErrorCode.INTERNAL_ERROR,
			"Something went wrong on our side.");

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
		HttpStatus resolved = HttpStatus.resolve(status);
		if (resolved != null && codesByStatus.containsKey(resolved)) {
			return codesByStatus.get(resolved);
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
			RecurErrorEnvelope.write((HttpServletResponse) getResponse(), code, messages.get(code));
			// The status is the one reported, even where no code is more precise.
			setStatus(status);
		}

	}

}
