package io.recurportal.api;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.error.HttpErrors;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Answers any path under the API prefix that no endpoint matches with the API's own
 * {@code not_found} problem, rather than the host's static-resource 404, and a path an
 * endpoint serves with another method with {@code method_not_allowed} and {@code Allow}.
 * Being the least specific mapping, it never shadows a real endpoint; since it takes
 * every method, Spring MVC's own 405 never happens here, so it is worked out here.
 */
@RestController
public class UnknownApiPathController {

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	/**
	 * Creates the controller.
	 * @param mappings the handler mappings whose endpoints tell which methods a path takes
	 */
	public UnknownApiPathController(ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	@RequestMapping("${recur.portal.api.path:/api/subscriptions}/**")
	@PortalEndpoint.Public("Answers not_found, behind the API's bearer authentication.")
	void unknown(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
		Set<String> allowed = allowedMethods(request);
		if (!allowed.isEmpty()) {
			throw new HttpRequestMethodNotSupportedException(request.getMethod(), allowed);
		}
		throw new PortalException(PortalErrorCode.NOT_FOUND, HttpErrors.detail(PortalErrorCode.NOT_FOUND));
	}

	private Set<String> allowedMethods(HttpServletRequest request) {
		Set<String> allowed = new LinkedHashSet<>();
		this.mappings.orderedStream().forEach((mapping) -> {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				PathPatternsRequestCondition paths = entry.getKey().getPathPatternsCondition();
				if (entry.getValue().getBeanType() == UnknownApiPathController.class || paths == null
						|| paths.getMatchingCondition(request) == null) {
					continue;
				}
				Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
				methods.forEach((method) -> allowed.add(method.name()));
				if (methods.contains(RequestMethod.GET)) {
					allowed.add(RequestMethod.HEAD.name());
				}
			}
		});
		return allowed;
	}

}
