package io.recurportal.account;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalProblemDetails;

/**
 * Establishes the {@link AccountContext} of a request authenticated by a JWT, and
 * answers 401 {@code account_claim_missing} when the valid token names no account. The
 * context is then found under {@link #ACCOUNT_CONTEXT_ATTRIBUTE}. Requests that are not
 * JWT-authenticated pass on untouched: authorization decides about those.
 */
public final class AccountContextFilter extends OncePerRequestFilter {

	/** The request attribute holding the {@link AccountContext}. */
	public static final String ACCOUNT_CONTEXT_ATTRIBUTE = AccountContext.class.getName();

	private final JwtAccountContextReader reader;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	public AccountContextFilter(JwtAccountContextReader reader) {
		Assert.notNull(reader, "reader must not be null");
		this.reader = reader;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken)) {
			chain.doFilter(request, response);
			return;
		}
		Optional<AccountContext> context = this.reader.read(authentication);
		if (context.isEmpty()) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"invalid_token\", error_description=\"The token names no account\"");
			PortalProblemDetails.write(response, PortalErrorCode.ACCOUNT_CLAIM_MISSING,
					"The token does not name an account.");
			return;
		}
		request.setAttribute(ACCOUNT_CONTEXT_ATTRIBUTE, context.get());
		chain.doFilter(request, response);
	}

	/**
	 * Sets the strategy that holds the security context.
	 * @param securityContextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy must not be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

}
