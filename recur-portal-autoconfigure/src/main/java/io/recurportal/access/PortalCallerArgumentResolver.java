package io.recurportal.access;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.Assert;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Hands a portal handler the {@link PortalCaller} of the request's
 * {@link org.springframework.security.core.Authentication}, which the
 * {@link PortalAuthorizationManager} has let run the handler's {@link PortalEndpoint}.
 */
public final class PortalCallerArgumentResolver implements HandlerMethodArgumentResolver {

	private final PortalCallerResolver callers;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	public PortalCallerArgumentResolver(PortalCallerResolver callers) {
		Assert.notNull(callers, "callers must not be null");
		this.callers = callers;
	}

	/**
	 * Sets the strategy that holds the security context.
	 * @param securityContextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy must not be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return PortalCaller.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		// Only a declared action has been checked: a caller anywhere else would skip the policy.
		if (!parameter.hasMethodAnnotation(PortalEndpoint.class)) {
			throw new IllegalStateException("No portal caller: the handler method " + parameter.getMethod()
					+ " must be annotated with @PortalEndpoint");
		}
		return this.callers.resolve(this.securityContextHolderStrategy.getContext().getAuthentication())
			.orElseThrow(() -> new PortalException(PortalErrorCode.ACCOUNT_CLAIM_MISSING,
					"The request does not name an account."));
	}

}
