package io.recurportal.account;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Reads the {@link AccountContext} from the {@link Authentication} that Spring
 * Security's resource server made of a validated JWT. Reading the authentication rather
 * than the header means spring-security-test's {@code jwt()} exercises this same code.
 */
public final class JwtAccountContextReader {

	private final AccountClaimNames claims;

	public JwtAccountContextReader(AccountClaimNames claims) {
		Assert.notNull(claims, "claims must not be null");
		this.claims = claims;
	}

	/**
	 * The account context of an authentication.
	 * @param authentication the current authentication
	 * @return the context, or empty when the authentication is not a JWT or has no account claim
	 */
	public Optional<AccountContext> read(@Nullable Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
			return Optional.empty();
		}
		Jwt jwt = token.getToken();
		String account = stringClaim(jwt, this.claims.account());
		// The customer-scoped account ids of portal sessions are never a token's to claim.
		if (!StringUtils.hasText(account) || account.startsWith(AccountContext.CUSTOMER_ACCOUNT_PREFIX)) {
			return Optional.empty();
		}
		Set<String> roles = roles(jwt.getClaims().get(this.claims.roles()));
		boolean owner = roles.stream().anyMatch(this.claims.ownerRoles()::contains);
		return Optional.of(new AccountContext(account, stringClaim(jwt, this.claims.user()), roles, owner));
	}

	private static @Nullable String stringClaim(Jwt jwt, String name) {
		Object value = jwt.getClaims().get(name);
		return (value instanceof String string) ? string.trim() : (value != null) ? value.toString() : null;
	}

	// Identity providers send roles as one string, a space or comma separated string, or an array.
	private static Set<String> roles(@Nullable Object claim) {
		Set<String> roles = new LinkedHashSet<>();
		if (claim instanceof String string) {
			for (String role : string.split("[\\s,]+")) {
				if (!role.isEmpty()) {
					roles.add(role);
				}
			}
		}
		else if (claim instanceof Collection<?> collection) {
			for (Object role : collection) {
				if (role != null && StringUtils.hasText(role.toString())) {
					roles.add(role.toString().trim());
				}
			}
		}
		return roles;
	}

}
