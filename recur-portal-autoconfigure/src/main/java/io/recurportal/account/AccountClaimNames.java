package io.recurportal.account;

import java.util.Set;

/**
 * Where the account context is found in a JWT.
 *
 * @param account the claim naming the account
 * @param user the claim naming the user
 * @param roles the claim with the caller's roles, a string or an array of strings
 * @param ownerRoles the roles that may change billing
 */
public record AccountClaimNames(String account, String user, String roles, Set<String> ownerRoles) {

	/** {@code acc}, {@code sub}, {@code role}, owners have {@code owner}. */
	public static final AccountClaimNames DEFAULT = new AccountClaimNames("acc", "sub", "role", Set.of("owner"));

	public AccountClaimNames {
		ownerRoles = Set.copyOf(ownerRoles);
	}

}
