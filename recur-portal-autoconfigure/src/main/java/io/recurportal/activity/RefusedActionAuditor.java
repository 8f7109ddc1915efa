package io.recurportal.activity;

import java.util.Set;

import org.springframework.context.ApplicationListener;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.util.Assert;
import org.springframework.web.method.HandlerMethod;

import io.recurportal.access.PortalAuthorizationDecision;
import io.recurportal.access.PortalCallerResolver;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.audit.AuditedActions;
import io.recurportal.error.PortalErrorCode;

/**
 * Writes refused portal actions to the audit trail: a member who tried to cancel, a
 * configuration without the feature. Hears the {@link AuthorizationDeniedEvent}s the
 * portal's access decision publishes; requests that name no account (no token, a bad
 * token) are not an account's activity and are left out.
 */
public final class RefusedActionAuditor implements ApplicationListener<AuthorizationDeniedEvent<?>> {

	private static final Set<PortalErrorCode> RECORDED = Set.of(PortalErrorCode.OWNER_REQUIRED,
			PortalErrorCode.FEATURE_NOT_ENABLED);

	private final PortalCallerResolver callers;

	private final AuditedActions audited;

	public RefusedActionAuditor(PortalCallerResolver callers, AuditedActions audited) {
		Assert.notNull(callers, "callers must not be null");
		Assert.notNull(audited, "audited must not be null");
		this.callers = callers;
		this.audited = audited;
	}

	@Override
	public void onApplicationEvent(AuthorizationDeniedEvent<?> event) {
		if (!(event.getObject() instanceof HandlerMethod handler)
				|| !(event.getAuthorizationResult() instanceof PortalAuthorizationDecision decision)) {
			return;
		}
		PortalEndpoint endpoint = handler.getMethodAnnotation(PortalEndpoint.class);
		PortalErrorCode code = decision.getCode();
		if (endpoint == null || code == null || !RECORDED.contains(code)) {
			return;
		}
		this.callers.resolve(event.getAuthentication().get())
			.ifPresent((caller) -> this.audited.refused(caller.account(), endpoint.value().value(), code.code()));
	}

}
