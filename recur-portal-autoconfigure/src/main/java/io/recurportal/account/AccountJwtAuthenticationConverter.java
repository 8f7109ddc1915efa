package io.recurportal.account;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Turns the JWT that Spring Security's resource server validated into an
 * {@link AccountAuthenticationToken}: the account, user and roles come from the claims
 * named by {@link AccountClaimNames}, and each role becomes an authority with the prefix
 * {@value #AUTHORITY_PREFIX}. Set on the resource server with
 * {@code jwt.jwtAuthenticationConverter(...)}.
 * <p>
 * A token that names no account is refused with {@link AccountClaimMissingException}.
 */
public final class AccountJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	/** The prefix of the authority each role becomes. */
	public static final String AUTHORITY_PREFIX = "ROLE_";

	private final AccountClaimNames claims;

	public AccountJwtAuthenticationConverter(AccountClaimNames claims) {
		Assert.notNull(claims, "claims must not be null");
		this.claims = claims;
	}

	@Override
	public AccountAuthenticationToken convert(Jwt jwt) {
		String account = stringClaim(jwt, this.claims.account());
		// The customer-scoped account ids of portal sessions are never a token's to claim.
		if (!StringUtils.hasText(account) || account.startsWith(AccountContext.CUSTOMER_ACCOUNT_PREFIX)) {
			throw new AccountClaimMissingException();
		}
		Set<String> roles = roles(jwt.getClaims().get(this.claims.roles()));
		boolean owner = roles.stream().anyMatch(this.claims.ownerRoles()::contains);
		AccountContext context = new AccountContext(account, stringClaim(jwt, this.claims.user()), roles, owner);
		List<GrantedAuthority> authorities = roles.stream()
			.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority(AUTHORITY_PREFIX + role))
			.toList();
		return new AccountAuthenticationToken(jwt, context, authorities);
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
