package io.recurportal.configuration;

import io.recurportal.account.AccountContext;

/**
 * Chooses the portal configuration of a caller. The default maps roles through
 * {@code recur.portal.role-mapping}; a host replaces it with a bean of this type, for
 * example to give an account's {@code billing-admin} role the {@code full} configuration.
 */
@FunctionalInterface
public interface PortalConfigurationResolver {

	/**
	 * The configuration for a caller.
	 * @param account the caller
	 * @return the configuration, never {@code null}
	 */
	PortalConfiguration resolve(AccountContext account);

}
