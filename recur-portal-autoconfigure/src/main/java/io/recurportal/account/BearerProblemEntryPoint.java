package io.recurportal.account;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalProblemDetails;

/**
 * Answers an unauthenticated API request as Spring Security's bearer entry point does
 * (401 with {@code WWW-Authenticate: Bearer ...}) and adds a problem body with a stable
 * code: {@code unauthenticated} without a token, {@code invalid_token} with a bad one,
 * {@code account_claim_missing} with a valid one that names no account.
 */
public final class BearerProblemEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof AccountClaimMissingException) {
			// The token itself is sound; the answer names what it lacks, as it always has.
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"invalid_token\", error_description=\"The token names no account\"");
			PortalProblemDetails.write(response, PortalErrorCode.ACCOUNT_CLAIM_MISSING,
					"The token does not name an account.");
			return;
		}
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
