package io.recurportal.server;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

import io.recurportal.error.HttpErrors;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.error.RecurErrorEnvelope;

/**
 * Answers every failure of the server API in Recur's error envelope. The envelope is
 * written directly, whatever the request accepts: an error must not turn into a 406
 * because the client asked for something else.
 */
@RestControllerAdvice(basePackageClasses = ServerApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ServerApiExceptionHandler {

	private static final Log logger = LogFactory.getLog(ServerApiExceptionHandler.class);

	@ExceptionHandler(PortalException.class)
	void portal(PortalException ex, HttpServletResponse response) throws IOException {
		RecurErrorEnvelope.write(response, ex.getErrorCode(), String.valueOf(ex.getMessage()));
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentNotValidException.class,
			HandlerMethodValidationException.class })
	void badRequest(Exception ex, HttpServletResponse response) throws IOException {
		write(response, PortalErrorCode.INVALID_REQUEST);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	void mediaType(Exception ex, HttpServletResponse response) throws IOException {
		write(response, PortalErrorCode.UNSUPPORTED_MEDIA_TYPE);
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	void notAcceptable(Exception ex, HttpServletResponse response) throws IOException {
		write(response, PortalErrorCode.NOT_ACCEPTABLE);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	void method(Exception ex, HttpServletResponse response) throws IOException {
		write(response, PortalErrorCode.METHOD_NOT_ALLOWED);
	}

	@ExceptionHandler(Exception.class)
	void unexpected(Exception ex, HttpServletResponse response) throws IOException {
		logger.error("Unexpected failure in the portal server API", ex);
		write(response, PortalErrorCode.INTERNAL_ERROR);
	}

	private static void write(HttpServletResponse response, PortalErrorCode code) throws IOException {
		RecurErrorEnvelope.write(response, code, HttpErrors.detail(code));
	}

}
