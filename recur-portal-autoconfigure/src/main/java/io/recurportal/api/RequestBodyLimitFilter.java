package io.recurportal.api;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.util.Assert;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalProblemDetails;

/**
 * Refuses request bodies larger than a limit with 413 {@code payload_too_large},
 * counting the bytes actually read, so a chunked body is held to the same limit as one
 * that declares its length. The body is read here, at most one byte past the limit,
 * before any authentication, parsing or signature check runs, and handed on from
 * memory; a form body is parsed from that copy too, because the container would
 * otherwise read the form itself, past any wrapper.
 * <p>
 * Multipart bodies are refused with 415 {@code unsupported_media_type}: no portal
 * endpoint takes one, and the container parses them on its own, uncounted.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private Refusal refusal = PortalProblemDetails::write;

	public RequestBodyLimitFilter(long maxBytes) {
		Assert.isTrue(maxBytes > 0 && maxBytes < Integer.MAX_VALUE, "maxBytes must be positive and below 2 GB");
		this.maxBytes = maxBytes;
	}

	/**
	 * Sets how a refused request is answered; problem details by default.
	 * @param refusal writes the error
	 */
	public void setRefusal(Refusal refusal) {
		Assert.notNull(refusal, "refusal must not be null");
		this.refusal = refusal;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBody(request)) {
			chain.doFilter(request, response);
			return;
		}
		String contentType = request.getContentType();
		if (contentType != null && contentType.regionMatches(true, 0, "multipart/", 0, 10)) {
			refuse(response, PortalErrorCode.UNSUPPORTED_MEDIA_TYPE, "Multipart bodies are not accepted here.");
			return;
		}
		if (request.getContentLengthLong() > this.maxBytes) {
			refuse(response, PortalErrorCode.PAYLOAD_TOO_LARGE, tooLarge());
			return;
		}
		// One byte more than the limit tells a body at the limit from one beyond it.
		byte[] body = request.getInputStream().readNBytes((int) this.maxBytes + 1);
		if (body.length > this.maxBytes) {
			refuse(response, PortalErrorCode.PAYLOAD_TOO_LARGE, tooLarge());
			return;
		}
		chain.doFilter(new ReadBodyRequest(request, body), response);
	}

	private void refuse(HttpServletResponse response, PortalErrorCode code, String message) throws IOException {
		this.refusal.write(response, code, message);
		// Sent now: the container may drain or drop the rest of the body before it would
		// send a buffered answer, and a 413 closes the connection.
		response.flushBuffer();
	}

	private String tooLarge() {
		return "The request body is larger than " + this.maxBytes + " bytes.";
	}

	// Chunked bodies declare no length; a request without either has none.
	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	/**
	 * Answers a refused request.
	 */
	@FunctionalInterface
	public interface Refusal {

		/**
		 * Writes the error as the response.
		 * @param response the response, not yet committed
		 * @param code the error
		 * @param message a message safe to show the caller
		 * @throws IOException when the response cannot be written
		 */
		void write(HttpServletResponse response, PortalErrorCode code, String message) throws IOException;

	}

	/**
	 * The request with its body already read: the stream, the reader and, for a form,
	 * the parameters all come from the copy.
	 */
	private static final class ReadBodyRequest extends HttpServletRequestWrapper {

		private static final FormHttpMessageConverter formConverter = new FormHttpMessageConverter();

		private final byte[] body;

		private @Nullable Map<String, String[]> parameters;

		ReadBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new BodyInputStream(new ByteArrayInputStream(this.body));
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset()));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public @Nullable String getParameter(String name) {
			String[] values = parameters().get(name);
			return (values != null && values.length > 0) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return parameters();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(parameters().keySet());
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			return parameters().get(name);
		}

		// The query string's parameters, then the form body's, as the container orders them.
		private Map<String, String[]> parameters() {
			if (this.parameters == null) {
				Map<String, List<String>> merged = new LinkedHashMap<>();
				String query = getQueryString();
				if (StringUtils.hasLength(query)) {
					add(merged, form(query.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
				}
				if (isForm()) {
					add(merged, form(this.body, charset()));
				}
				Map<String, String[]> parameters = new LinkedHashMap<>();
				merged.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
				this.parameters = Collections.unmodifiableMap(parameters);
			}
			return this.parameters;
		}

		private boolean isForm() {
			String contentType = getContentType();
			try {
				return contentType != null
						&& MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

		private Charset charset() {
			String encoding = getCharacterEncoding();
			try {
				return (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			}
			catch (IllegalArgumentException ex) {
				return StandardCharsets.UTF_8;
			}
		}

		private static MultiValueMap<String, String> form(byte[] bytes, Charset charset) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(new MediaType(MediaType.APPLICATION_FORM_URLENCODED, charset));
			HttpInputMessage message = new HttpInputMessage() {

				@Override
				public InputStream getBody() {
					return new ByteArrayInputStream(bytes);
				}

				@Override
				public HttpHeaders getHeaders() {
					return headers;
				}

			};
			try {
				return formConverter.read(null, message);
			}
			catch (IOException | IllegalArgumentException ex) {
				// A malformed escape leaves the parameter out, as the container does.
				return new LinkedMultiValueMap<>();
			}
		}

		private static void add(Map<String, List<String>> merged, MultiValueMap<String, String> values) {
			values.forEach((name, list) -> merged.computeIfAbsent(name, (key) -> new ArrayList<>())
				.addAll(list.stream().map((value) -> (value != null) ? value : "").toList()));
		}

	}

	private static final class BodyInputStream extends ServletInputStream {

		private final ByteArrayInputStream body;

		BodyInputStream(ByteArrayInputStream body) {
			this.body = body;
		}

		@Override
		public int read() {
			return this.body.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.body.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.body.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("The body has already been read");
		}

	}

}
