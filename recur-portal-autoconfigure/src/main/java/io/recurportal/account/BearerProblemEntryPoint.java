package io.recurportal.account;

import java.io.IOException;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.Assert;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalProblemDetails;

/**
 * Answers an unauthenticated API request as Spring Security's bearer entry point does
 * (401 with {@code WWW-Authenticate: Bearer ...}) and adds a problem body with a stable
 * code: {@code unauthenticated} without a token, {@code invalid_token} with a bad one,
 * {@code account_claim_missing} with a valid one that names no account.
 * <p>
 * Spring Security's entry point names the protected resource metadata
 * ({@code resource_metadata}) at an absolute URL built from the request's {@code Host},
 * which any client sets. Here that URL is on the configured origin only, and left out
 * when there is none.
 */
public final class BearerProblemEntryPoint implements AuthenticationEntryPoint {

	private static final String RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource";

	// Stands for "no origin": the parameter carrying it is taken out of the header again.
	private static final String NO_ORIGIN = "urn:recur-portal:no-origin";

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	/**
	 * An entry point that never names the resource metadata.
	 */
	public BearerProblemEntryPoint() {
		this((path) -> null);
	}

	/**
	 * An entry point that names the resource metadata on a configured origin.
	 * @param origin supplies the application's absolute URL of a path, as
	 * the portal links do, or
	 * {@code null} when no origin is configured
	 */
	public BearerProblemEntryPoint(Function<String, @Nullable String> origin) {
		Assert.notNull(origin, "'origin' must not be null");
		this.bearer.setResourceMetadataParameterResolver((request) -> {
			String url = origin.apply(RESOURCE_METADATA_PATH);
			return (url != null) ? url : NO_ORIGIN;
		});
	}

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
		this.bearer.commence(request, new WithoutUnknownOrigin(response), authException);
		if (authException instanceof OAuth2AuthenticationException) {
			PortalProblemDetails.write(response, PortalErrorCode.INVALID_TOKEN,
					"The bearer token is malformed, expired, not signed by a trusted key, or has no expiry.");
		}
		else {
			PortalProblemDetails.write(response, PortalErrorCode.UNAUTHENTICATED, "A bearer token is required.");
		}
	}

	/**
	 * Drops the {@code resource_metadata} parameter that names no origin; Spring
	 * Security's entry point always writes one, last.
	 */
	private static final class WithoutUnknownOrigin extends HttpServletResponseWrapper {

		private static final String PARAMETER = "resource_metadata=\"" + NO_ORIGIN + "\"";

		WithoutUnknownOrigin(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void addHeader(String name, String value) {
			super.addHeader(name, HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name) ? strip(value) : value);
		}

		@Override
		public void setHeader(String name, String value) {
			super.setHeader(name, HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name) ? strip(value) : value);
		}

		private static String strip(String value) {
			return value.replace(", " + PARAMETER, "").replace(" " + PARAMETER, "");
		}

	}

}
