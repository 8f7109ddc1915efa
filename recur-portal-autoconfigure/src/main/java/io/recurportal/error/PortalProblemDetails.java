package io.recurportal.error;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Maps portal errors to RFC 9457 problem details, once, for controllers and filters
 * alike. Every problem carries the error's stable {@code code}.
 */
public final class PortalProblemDetails {

	/** The problem property holding the portal error code. */
	public static final String CODE_PROPERTY = "code";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private PortalProblemDetails() {
	}

	/**
	 * The problem for an error code.
	 * @param errorCode the error
	 * @param detail a message safe to show the caller
	 * @return the problem
	 */
	public static ProblemDetail of(PortalErrorCode errorCode, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(errorCode.status(), detail);
		problem.setTitle(errorCode.status().getReasonPhrase());
		problem.setProperty(CODE_PROPERTY, errorCode.code());
		return problem;
	}

	/**
	 * The problem for a portal exception.
	 * @param exception the exception
	 * @return the problem
	 */
	public static ProblemDetail of(PortalException exception) {
		return of(exception.getErrorCode(), String.valueOf(exception.getMessage()));
	}

	/**
	 * Writes a problem as the response, for code that runs before Spring MVC (filters,
	 * entry points).
	 * @param response the response, not yet committed
	 * @param errorCode the error
	 * @param detail a message safe to show the caller
	 * @throws IOException when the response cannot be written
	 */
	public static void write(HttpServletResponse response, PortalErrorCode errorCode, String detail)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", errorCode.status().getReasonPhrase());
		body.put("status", errorCode.status().value());
		body.put("detail", detail);
		body.put(CODE_PROPERTY, errorCode.code());
		response.setStatus(errorCode.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		jsonMapper.writeValue(response.getOutputStream(), body);
	}

}
