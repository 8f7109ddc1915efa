package io.recurportal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Answers a failed portal page with a page in the customer's language that says what
 * happened and what to do, never a stack trace. No live session shows "your session
 * has ended".
 */
@ControllerAdvice(basePackageClasses = PortalPageExceptionHandler.class, annotations = PortalPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PortalPageExceptionHandler {

	private static final Log logger = LogFactory.getLog(PortalPageExceptionHandler.class);

	private final PortalPageContext context;

	PortalPageExceptionHandler(PortalPageContext context) {
		this.context = context;
	}

	@ExceptionHandler(PortalException.class)
	ModelAndView portal(PortalException ex, HttpServletRequest request, HttpServletResponse response) {
		PortalErrorCode code = ex.getErrorCode();
		if (code == PortalErrorCode.ACCOUNT_CLAIM_MISSING) {
			return page(request, response, HttpStatus.UNAUTHORIZED, "session_ended");
		}
		return page(request, response, code.status(), code.code());
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, HandlerMethodValidationException.class,
			MethodArgumentTypeMismatchException.class })
	ModelAndView badRequest(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		return page(request, response, HttpStatus.BAD_REQUEST, PortalErrorCode.INVALID_REQUEST.code());
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		logger.error("Unexpected failure on a portal page", ex);
		return page(request, response, HttpStatus.INTERNAL_SERVER_ERROR, PortalErrorCode.INTERNAL_ERROR.code());
	}

	private ModelAndView page(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String code) {
		ExtendedModelMap model = new ExtendedModelMap();
		this.context.prepare(model, request, response, null, PortalPagesController.session(), null);
		model.addAttribute("code", code);
		ModelAndView page = new ModelAndView("recur-portal/error", model);
		page.setStatus(status);
		return page;
	}

}
