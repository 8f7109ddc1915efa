package io.recurportal.access;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Identifies the caller of a portal request from its Spring Security
 * {@link Authentication} and gives them their configuration.
 */
@FunctionalInterface
public interface PortalCallerResolver {

	/**
	 * The caller an authentication stands for.
	 * @param authentication the request's authentication, if any
	 * @return the caller, or empty when the authentication carries no usable identity
	 */
	Optional<PortalCaller> resolve(@Nullable Authentication authentication);

}
