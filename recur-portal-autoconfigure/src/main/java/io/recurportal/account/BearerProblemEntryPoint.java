package io.recurportal.account;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalProblemDetails;

/**
 * Answers an unauthenticated API request as Spring Security's bearer entry point does
 * (401 with {@code WWW-Authenticate: Bearer ...}) and adds a problem body with a stable
 * code: {@code unauthenticated} without a token, {@code invalid_token} with a bad one.
 */
public final class BearerProblemEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.bearer.commence(request, response, authException);
		if (authException instanceof OAuth2AuthenticationException) {
			PortalProblemDetails.write(response, PortalErrorCode.INVALID_TOKEN,
					"The bearer token is malformed, expired, not signed by a trusted key, or has no expiry.");
		}
		else {
			PortalProblemDetails.write(response, PortalErrorCode.UNAUTHENTICATED, "A bearer token is required.");
		}
	}

}
