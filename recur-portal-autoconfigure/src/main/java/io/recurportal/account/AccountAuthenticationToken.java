package io.recurportal.account;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * The {@link org.springframework.security.core.Authentication} of an account API caller:
 * the validated {@link Jwt} with the {@link AccountContext} read from it, and one
 * authority per role ({@code ROLE_owner}, ...). It is a {@link JwtAuthenticationToken},
 * so host code that reads the token or its claims keeps working.
 *
 * @see AccountJwtAuthenticationConverter
 */
public final class AccountAuthenticationToken extends JwtAuthenticationToken {

	private static final long serialVersionUID = 1L;

	@SuppressWarnings("serial") // a record of strings, never serialized: the API is stateless
	private final AccountContext account;

	/**
	 * Creates an authenticated token.
	 * @param jwt the validated token
	 * @param account the account context read from it
	 * @param authorities the caller's authorities
	 */
	public AccountAuthenticationToken(Jwt jwt, AccountContext account,
			Collection<? extends GrantedAuthority> authorities) {
		super(jwt, authorities);
		Assert.notNull(account, "account must not be null");
		this.account = account;
	}

	/**
	 * The caller's account, user, roles and owner flag.
	 * @return the account context
	 */
	public AccountContext getAccount() {
		return this.account;
	}

}
