package io.recurportal.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.Assert;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Enforces the {@link PortalEndpoint} declared on a handler method before it runs, by
 * asking the {@link PortalAccessPolicy}. Handlers without the annotation (the host's
 * own) pass at once.
 */
public final class PortalEndpointInterceptor implements HandlerInterceptor {

	private final PortalCallerResolver callerResolver;

	private final PortalAccessPolicy policy;

	public PortalEndpointInterceptor(PortalCallerResolver callerResolver, PortalAccessPolicy policy) {
		Assert.notNull(callerResolver, "callerResolver must not be null");
		Assert.notNull(policy, "policy must not be null");
		this.callerResolver = callerResolver;
		this.policy = policy;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		PortalEndpoint endpoint = method.getMethodAnnotation(PortalEndpoint.class);
		if (endpoint == null) {
			return true;
		}
		PortalCaller caller = this.callerResolver.resolve(request)
			.orElseThrow(() -> new PortalException(PortalErrorCode.ACCOUNT_CLAIM_MISSING,
					"The request does not name an account."));
		this.policy.check(caller, endpoint.value());
		request.setAttribute(PortalCaller.ATTRIBUTE, caller);
		return true;
	}

}
