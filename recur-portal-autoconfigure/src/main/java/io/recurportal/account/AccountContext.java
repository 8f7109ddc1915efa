package io.recurportal.account;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling, read from the validated JWT: the account comes from the token, never
 * from a path.
 *
 * @param accountId the host's account id (the {@code acc} claim by default)
 * @param userId the user (the {@code sub} claim by default)
 * @param roles the caller's roles in the account
 * @param owner whether one of the roles is an owner role: only owners change billing
 */
public record AccountContext(String accountId, @Nullable String userId, Set<String> roles, boolean owner) {

	/**
	 * The prefix of the account id a portal session uses for a customer that names no
	 * host account; tokens can never claim such an id.
	 */
	public static final String CUSTOMER_ACCOUNT_PREFIX = "recur-portal-customer:";

	public AccountContext {
		roles = Set.copyOf(roles);
	}

	/**
	 * Whether the caller has a role.
	 * @param role the role
	 * @return {@code true} when the caller has it
	 */
	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

}
