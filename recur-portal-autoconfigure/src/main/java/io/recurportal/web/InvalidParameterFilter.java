package io.recurportal.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import io.recurportal.error.PortalErrorCode;

/**
 * Answers a query string the container cannot decode ({@code ?x=%ff}: bytes that are not
 * UTF-8, a broken escape, too many parameters) with 400 {@code invalid_request} in the
 * format of the portal path it came to. The container would otherwise fail only when a
 * parameter is first read, deep in a filter or handler, as a 500 with a stack trace.
 * <p>
 * The query string is checked here, before anything reads it; a request without a body
 * also has the container parse its parameters now, which reads nothing more. Bodies are
 * left to the body limit, which parses forms from its own bounded copy.
 */
public final class InvalidParameterFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(InvalidParameterFilter.class);

	private final PortalErrorDispatchFilter errors;

	/**
	 * Creates the filter.
	 * @param apiPath the account API's path
	 * @param serverPath the server API's path
	 * @param portalPath the pages' path
	 * @param pages renders the portal's error page, or {@code null} without pages
	 */
	public InvalidParameterFilter(String apiPath, String serverPath, String portalPath,
			@Nullable PortalAccessDeniedHandler pages) {
		this.errors = new PortalErrorDispatchFilter(apiPath, serverPath, portalPath, pages);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = PortalErrorDispatchFilter.lenientPath(request, request.getRequestURI());
		// The host's own paths keep the container's behaviour.
		String problem = this.errors.covers(path) ? problem(request) : null;
		if (problem == null) {
			chain.doFilter(request, response);
			return;
		}
		// The error page must not read the parameters again.
		HttpServletRequest withoutParameters = new WithoutParameters(request);
		if (!this.errors.answer(withoutParameters, response, PortalErrorCode.INVALID_REQUEST, path)) {
			chain.doFilter(request, response);
			return;
		}
		if (logger.isInfoEnabled()) {
			logger.info("Refused a request to " + abbreviate(request.getRequestURI()) + " whose parameters cannot be read: " + problem);
		}
	}

	private static @Nullable String problem(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query != null && !decodes(query)) {
			return "the query string is not UTF-8";
		}
		if (!hasBody(request)) {
			try {
				request.getParameterMap();
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				return abbreviate(String.valueOf(ex.getMessage()));
			}
		}
		return null;
	}

	// Percent-escapes decoded strictly: a broken escape or bytes that are not UTF-8 fail.
	private static boolean decodes(String query) {
		byte[] raw = query.getBytes(StandardCharsets.ISO_8859_1);
		byte[] bytes = new byte[raw.length];
		int length = 0;
		for (int i = 0; i < raw.length; i++) {
			byte b = raw[i];
			if (b == '%') {
				if (i + 2 >= raw.length) {
					return false;
				}
				int high = Character.digit(raw[i + 1], 16);
				int low = Character.digit(raw[i + 2], 16);
				if (high < 0 || low < 0) {
					return false;
				}
				b = (byte) ((high << 4) + low);
				i += 2;
			}
			bytes[length++] = b;
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, 0, length));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	private static String abbreviate(String text) {
		return (text.length() > 80) ? text.substring(0, 80) + "..." : text;
	}

	private static final class WithoutParameters extends HttpServletRequestWrapper {

		WithoutParameters(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getParameter(String name) {
			return null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Map.of();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			return null;
		}

	}

}
