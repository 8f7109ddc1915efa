package io.recurportal.error;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * Recur's error shape, {@code {"error": {"type", "code", "message"}}}, so a host's Recur
 * SDK reads our errors as it reads Recur's. Every answer under the server API's path
 * that is an error has this shape.
 */
public final class RecurErrorEnvelope {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private RecurErrorEnvelope() {
	}

	static Map<String, Map<String, String>> of(PortalErrorCode code, String message) {
		return Map.of("error", Map.of("type", type(code), "code", code.code(), "message", message));
	}

	/**
	 * Writes an error as the response, whatever the request accepts.
	 * @param response the response, not yet committed
	 * @param code the error
	 * @param message a message safe to show the caller
	 * @throws IOException when the response cannot be written
	 */
	public static void write(HttpServletResponse response, PortalErrorCode code, String message) throws IOException {
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		jsonMapper.writeValue(response.getOutputStream(), of(code, message));
	}

	private static String type(PortalErrorCode code) {
		if (code == PortalErrorCode.INVALID_API_KEY) {
			return "authentication_error";
		}
		return code.status().is4xxClientError() ? "invalid_request_error" : "api_error";
	}

}
