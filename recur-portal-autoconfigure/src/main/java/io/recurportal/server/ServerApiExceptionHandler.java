package io.recurportal.server;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Answers every failure of the server API in Recur's error envelope.
 */
@RestControllerAdvice(basePackageClasses = ServerApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ServerApiExceptionHandler {

	private static final Log logger = LogFactory.getLog(ServerApiExceptionHandler.class);

	@ExceptionHandler(PortalException.class)
	ResponseEntity<Map<String, Map<String, String>>> portal(PortalException ex) {
		return answer(ex.getErrorCode(), String.valueOf(ex.getMessage()));
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentNotValidException.class,
			HandlerMethodValidationException.class })
	ResponseEntity<Map<String, Map<String, String>>> badRequest(Exception ex) {
		return answer(PortalErrorCode.INVALID_REQUEST, "The request is malformed or has invalid values.");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Map<String, String>>> mediaType(Exception ex) {
		return answer(PortalErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send JSON.");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Map<String, String>>> method(Exception ex) {
		return answer(PortalErrorCode.METHOD_NOT_ALLOWED, "This endpoint does not take that method.");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Map<String, String>>> unexpected(Exception ex) {
		logger.error("Unexpected failure in the portal server API", ex);
		return answer(PortalErrorCode.INTERNAL_ERROR, "Something went wrong on our side.");
	}

	private static ResponseEntity<Map<String, Map<String, String>>> answer(PortalErrorCode code, String message) {
		return ResponseEntity.status(code.status()).body(RecurErrorEnvelope.of(code, message));
	}

}
