package io.recurportal.api;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.recurportal.error.HttpErrors;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.error.PortalProblemDetails;

/**
 * Answers every failure of the portal's JSON API as a problem detail with a stable
 * {@code code}: portal errors with their own code, Spring MVC's request errors (bad
 * JSON, wrong types, missing parameters, ...) with the code of their status, anything
 * unexpected as {@code internal_error} without internals. The body is
 * {@code application/problem+json} whatever the request's {@code Accept} says, even an
 * unparseable one: a client that asked badly still learns why it failed.
 */
@RestControllerAdvice(basePackageClasses = PortalApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PortalApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(PortalApiExceptionHandler.class);

	private static final Map<HttpStatus, PortalErrorCode> codesByStatus = Map.of(HttpStatus.NOT_FOUND,
			PortalErrorCode.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED, PortalErrorCode.METHOD_NOT_ALLOWED,
			HttpStatus.NOT_ACCEPTABLE, PortalErrorCode.NOT_ACCEPTABLE, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
			PortalErrorCode.UNSUPPORTED_MEDIA_TYPE, HttpStatus.CONTENT_TOO_LARGE, PortalErrorCode.PAYLOAD_TOO_LARGE,
			HttpStatus.SERVICE_UNAVAILABLE, PortalErrorCode.PROVIDER_UNAVAILABLE);

	@ExceptionHandler(PortalException.class)
	ResponseEntity<ProblemDetail> handlePortalException(PortalException exception) {
		HttpHeaders headers = new HttpHeaders();
		if (exception.getRetryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, exception.getRetryAfter().toSeconds())));
		}
		return ResponseEntity.status(exception.getErrorCode().status())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(PortalProblemDetails.of(exception));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception exception) {
		logger.error("Unexpected failure in the portal API", exception);
		return ResponseEntity.internalServerError()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(PortalProblemDetails.of(PortalErrorCode.INTERNAL_ERROR,
					HttpErrors.detail(PortalErrorCode.INTERNAL_ERROR)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		PortalErrorCode code = codeFor(statusCode);
		String detail = (body instanceof ProblemDetail problem && problem.getDetail() != null) ? problem.getDetail()
				: code.status().getReasonPhrase();
		HttpHeaders problemHeaders = new HttpHeaders();
		problemHeaders.putAll(headers);
		problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return super.handleExceptionInternal(ex, PortalProblemDetails.of(code, detail), problemHeaders, code.status(),
				request);
	}

	private static PortalErrorCode codeFor(HttpStatusCode statusCode) {
		HttpStatus status = HttpStatus.resolve(statusCode.value());
		if (status != null && codesByStatus.containsKey(status)) {
			return codesByStatus.get(status);
		}
		return (statusCode.is4xxClientError()) ? PortalErrorCode.INVALID_REQUEST : PortalErrorCode.INTERNAL_ERROR;
	}

}
