package io.recurportal.access;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Identifies the caller of a portal request and gives them their configuration.
 */
@FunctionalInterface
public interface PortalCallerResolver {

	/**
	 * The caller of a request.
	 * @param request the request
	 * @return the caller, or empty when the request carries no usable identity
	 */
	Optional<PortalCaller> resolve(HttpServletRequest request);

}
