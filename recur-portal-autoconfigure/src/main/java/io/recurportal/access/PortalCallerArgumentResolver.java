package io.recurportal.access;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a portal handler the {@link PortalCaller} that {@link PortalEndpointInterceptor}
 * checked.
 */
public final class PortalCallerArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return PortalCaller.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		Object caller = webRequest.getAttribute(PortalCaller.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (caller == null) {
			throw new IllegalStateException("No portal caller: the handler method " + parameter.getMethod()
					+ " must be annotated with @PortalEndpoint");
		}
		return caller;
	}

}
