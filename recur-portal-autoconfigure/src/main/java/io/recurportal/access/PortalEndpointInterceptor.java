package io.recurportal.access;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.Assert;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.recurportal.error.HttpErrors;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalProblemDetails;
import io.recurportal.error.RecurErrorEnvelope;

/**
 * Enforces the {@link PortalEndpoint} declared on a handler method before it runs, by
 * asking the {@link PortalAuthorizationManager} about the {@link HandlerMethod} with the
 * request's {@link org.springframework.security.core.Authentication} from the
 * {@link SecurityContextHolderStrategy}: the one place where portal access is decided,
 * for the API and the pages alike. A denial is thrown as the portal error it carries.
 * <p>
 * Fails closed: a handler under the portal's paths that declares no rule, neither
 * {@link PortalEndpoint} nor {@link PortalEndpoint.Public}, is refused with 404
 * {@code not_found}, so a handler added there without a rule is never open by
 * accident. Static files there are public. The host's own handlers elsewhere pass at
 * once.
 */
public final class PortalEndpointInterceptor implements HandlerInterceptor {

	private final PortalAuthorizationManager authorizationManager;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	private List<PathPattern> portalPaths = List.of();

	private List<PathPattern> envelopePaths = List.of();

	private @Nullable AuthorizationEventPublisher authorizationEventPublisher;

	public PortalEndpointInterceptor(PortalAuthorizationManager authorizationManager) {
		Assert.notNull(authorizationManager, "authorizationManager must not be null");
		this.authorizationManager = authorizationManager;
	}

	/**
	 * Sets the strategy that holds the security context.
	 * @param securityContextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy must not be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	/**
	 * Sets where each decision is published, so denials are heard as Spring Security's
	 * {@link org.springframework.security.authorization.event.AuthorizationDeniedEvent}
	 * (the portal's audit trail records refused billing actions from them).
	 * @param authorizationEventPublisher the publisher, or {@code null} to publish none
	 */
	public void setAuthorizationEventPublisher(@Nullable AuthorizationEventPublisher authorizationEventPublisher) {
		this.authorizationEventPublisher = authorizationEventPublisher;
	}

	/**
	 * Sets the portal's paths, where every handler must declare its rule.
	 * @param patterns path patterns like {@code /portal/**}
	 */
	public void setPortalPaths(List<String> patterns) {
		this.portalPaths = parse(patterns);
	}

	/**
	 * Sets the paths among the portal's that answer errors in Recur's envelope rather
	 * than as problem details: the server API's.
	 * @param patterns path patterns like {@code /v1/**}
	 */
	public void setEnvelopePaths(List<String> patterns) {
		this.envelopePaths = parse(patterns);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		if (!(handler instanceof HandlerMethod method)) {
			if (handler instanceof ResourceHttpRequestHandler || !matches(this.portalPaths, request)) {
				return true;
			}
			return refuse(request, response);
		}
		if (!PortalAuthorizationManager.declaresRule(method)) {
			// The host's own handlers elsewhere are not the portal's to decide.
			if (!matches(this.portalPaths, request)) {
				return true;
			}
			return refuse(request, response);
		}
		Supplier<@Nullable Authentication> authentication = () -> this.securityContextHolderStrategy.getContext()
			.getAuthentication();
		AuthorizationResult result = this.authorizationManager.authorize(authentication, method);
		if (this.authorizationEventPublisher != null) {
			this.authorizationEventPublisher.publishAuthorizationEvent(authentication::get, method, result);
		}
		if (!result.isGranted()) {
			throw ((PortalAuthorizationDecision) result).toException();
		}
		return true;
	}

	// Written here rather than thrown: the handler's own advice may not be the portal's.
	private boolean refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (matches(this.envelopePaths, request)) {
			RecurErrorEnvelope.write(response, PortalErrorCode.NOT_FOUND, HttpErrors.detail(PortalErrorCode.NOT_FOUND));
		}
		else {
			PortalProblemDetails.write(response, PortalErrorCode.NOT_FOUND, HttpErrors.detail(PortalErrorCode.NOT_FOUND));
		}
		return false;
	}

	private static boolean matches(List<PathPattern> patterns, HttpServletRequest request) {
		if (patterns.isEmpty()) {
			return false;
		}
		PathContainer path = (ServletRequestPathUtils.hasParsedRequestPath(request)
				? ServletRequestPathUtils.getParsedRequestPath(request)
				: ServletRequestPathUtils.parseAndCache(request))
			.pathWithinApplication();
		return patterns.stream().anyMatch((pattern) -> pattern.matches(path));
	}

	private static List<PathPattern> parse(List<String> patterns) {
		Assert.notNull(patterns, "patterns must not be null");
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

}
