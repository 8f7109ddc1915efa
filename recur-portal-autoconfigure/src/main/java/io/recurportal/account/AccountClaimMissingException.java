package io.recurportal.account;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * A valid token that names no account: the portal has nobody to answer for, so the
 * request is unauthenticated. An {@link OAuth2AuthenticationException} with an
 * {@code invalid_token} error, so the bearer entry point answers 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token", ...} as for any other unusable
 * token; {@link BearerProblemEntryPoint} gives it the code {@code account_claim_missing}.
 */
public final class AccountClaimMissingException extends OAuth2AuthenticationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 */
	public AccountClaimMissingException() {
		super(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token names no account", null),
				"The token names no account");
	}

}
