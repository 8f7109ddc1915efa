package io.recurportal.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of how callers are identified from their JWT
 * ({@code recur.portal.security.*}).
 */
@ConfigurationProperties("recur.portal.security")
public class RecurPortalSecurityProperties {

	/**
	 * JWT claim naming the caller's account.
	 */
	private String accountClaim = "acc";

	/**
	 * JWT claim naming the user.
	 */
	private String userClaim = "sub";

	/**
	 * JWT claim with the caller's roles in the account, a string or an array.
	 */
	private String roleClaim = "role";

	/**
	 * Roles that may change billing: checkout, plan change, cancel, reactivate, pause,
	 * payment method, profile and sync.
	 */
	private Set<String> ownerRoles = new LinkedHashSet<>(Set.of("owner"));

	public String getAccountClaim() {
		return this.accountClaim;
	}

	public void setAccountClaim(String accountClaim) {
		this.accountClaim = accountClaim;
	}

	public String getUserClaim() {
		return this.userClaim;
	}

	public void setUserClaim(String userClaim) {
		this.userClaim = userClaim;
	}

	public String getRoleClaim() {
		return this.roleClaim;
	}

	public void setRoleClaim(String roleClaim) {
		this.roleClaim = roleClaim;
	}

	public Set<String> getOwnerRoles() {
		return this.ownerRoles;
	}

	public void setOwnerRoles(Set<String> ownerRoles) {
		this.ownerRoles = ownerRoles;
	}

}
