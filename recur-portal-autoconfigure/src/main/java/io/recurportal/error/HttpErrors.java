package io.recurportal.error;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The errors that say no more than HTTP does (a path nothing serves, a method it does not
 * take, a body too large, ...): which portal code an HTTP status is, and their one wording.
 * The account API, the server API and the container's error answers all use it, each in
 * its own format.
 */
public final class HttpErrors {

	private static final Map<Integer, PortalErrorCode> codesByStatus = Map.of(400, PortalErrorCode.INVALID_REQUEST,
			404, PortalErrorCode.NOT_FOUND, 405, PortalErrorCode.METHOD_NOT_ALLOWED, 406,
			PortalErrorCode.NOT_ACCEPTABLE, 413, PortalErrorCode.PAYLOAD_TOO_LARGE, 415,
			PortalErrorCode.UNSUPPORTED_MEDIA_TYPE, 500, PortalErrorCode.INTERNAL_ERROR);

	private static final Map<PortalErrorCode, String> details = Map.of(PortalErrorCode.INVALID_REQUEST,
			"The request is malformed or has invalid values.", PortalErrorCode.NOT_FOUND, "No such endpoint.",
			PortalErrorCode.METHOD_NOT_ALLOWED, "This endpoint does not take that method.",
			PortalErrorCode.NOT_ACCEPTABLE, "This endpoint answers in JSON only.", PortalErrorCode.PAYLOAD_TOO_LARGE,
			"The request body is too large.", PortalErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send JSON.",
			PortalErrorCode.INTERNAL_ERROR, "Something went wrong on our side.");

	private HttpErrors() {
	}

	/**
	 * The portal code of an HTTP error status.
	 * @param status the status
	 * @return the code, or {@code null} when the status is none of these errors
	 */
	public static @Nullable PortalErrorCode codeOf(int status) {
		return codesByStatus.get(status);
	}

	/**
	 * The wording of one of these errors.
	 * @param code the code
	 * @return its detail text, or the code itself for a code that is not one of these
	 */
	public static String detail(PortalErrorCode code) {
		return details.getOrDefault(code, code.code());
	}

}
