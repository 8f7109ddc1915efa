package io.recurportal.access;

import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;
import org.springframework.web.method.HandlerMethod;

import io.recurportal.error.HttpErrors;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Decides whether the caller of a request may run a portal handler, from the rule the
 * handler declares: {@link PortalEndpoint.Public} is open to anyone; a
 * {@link PortalEndpoint} action needs a caller (the {@link PortalCallerResolver} makes
 * one of the request's {@link Authentication}) that the {@link PortalAccessPolicy} lets
 * perform it: the action's feature in the caller's configuration and, for an action that
 * changes billing, an owner. A handler that declares no rule is denied (fail closed).
 * <p>
 * Denials are {@link PortalAuthorizationDecision}s that carry the portal error to answer
 * with.
 */
public final class PortalAuthorizationManager implements AuthorizationManager<HandlerMethod> {

	private final PortalCallerResolver callers;

	private final PortalAccessPolicy policy;

	private PortalAuthorizationManager(PortalCallerResolver callers, PortalAccessPolicy policy) {
		Assert.notNull(callers, "callers must not be null");
		Assert.notNull(policy, "policy must not be null");
		this.callers = callers;
		this.policy = policy;
	}

	/**
	 * Decides with the portal's access policy.
	 * @param callers makes callers of authentications
	 * @return the manager
	 */
	public static PortalAuthorizationManager portalEndpoints(PortalCallerResolver callers) {
		return new PortalAuthorizationManager(callers, new PortalAccessPolicy());
	}

	/**
	 * Decides with a given access policy.
	 * @param callers makes callers of authentications
	 * @param policy the access policy
	 * @return the manager
	 */
	public static PortalAuthorizationManager portalEndpoints(PortalCallerResolver callers,
			PortalAccessPolicy policy) {
		return new PortalAuthorizationManager(callers, policy);
	}

	/**
	 * Whether a handler declares its access rule, {@link PortalEndpoint} or
	 * {@link PortalEndpoint.Public}.
	 * @param handler the handler method
	 * @return {@code true} when it declares one
	 */
	public static boolean declaresRule(HandlerMethod handler) {
		return handler.hasMethodAnnotation(PortalEndpoint.class) || isPublic(handler);
	}

	@Override
	public PortalAuthorizationDecision authorize(Supplier<? extends @Nullable Authentication> authentication,
			HandlerMethod handler) {
		PortalEndpoint endpoint = handler.getMethodAnnotation(PortalEndpoint.class);
		if (endpoint == null) {
			return isPublic(handler) ? PortalAuthorizationDecision.granted()
					: PortalAuthorizationDecision
						.denied(new PortalException(PortalErrorCode.NOT_FOUND, HttpErrors.detail(PortalErrorCode.NOT_FOUND)));
		}
		Optional<PortalCaller> caller = this.callers.resolve(authentication.get());
		if (caller.isEmpty()) {
			return PortalAuthorizationDecision.denied(new PortalException(PortalErrorCode.ACCOUNT_CLAIM_MISSING,
					"The request does not name an account."));
		}
		PortalException denial = this.policy.denial(caller.get(), endpoint.value());
		return (denial != null) ? PortalAuthorizationDecision.denied(denial) : PortalAuthorizationDecision.granted();
	}

	private static boolean isPublic(HandlerMethod handler) {
		return handler.hasMethodAnnotation(PortalEndpoint.Public.class)
				|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PortalEndpoint.Public.class);
	}

}
