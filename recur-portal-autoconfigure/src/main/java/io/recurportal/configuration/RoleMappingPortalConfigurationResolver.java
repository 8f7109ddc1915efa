package io.recurportal.configuration;

import java.util.LinkedHashMap;
import java.util.Map;

import io.recurportal.account.AccountContext;

/**
 * Resolves the configuration from the caller's roles through an ordered role mapping:
 * the first entry whose role the caller has wins, else the fallback. List the most
 * privileged roles first.
 */
public final class RoleMappingPortalConfigurationResolver implements PortalConfigurationResolver {

	private final Map<String, PortalConfiguration> byRole;

	private final PortalConfiguration fallback;

	/**
	 * Creates a resolver; every configuration named must exist.
	 * @param configurations the configurations
	 * @param roleMapping role to configuration name, in order of precedence
	 * @param fallback the configuration name for callers with no mapped role
	 * @throws IllegalArgumentException when a name is unknown
	 */
	public RoleMappingPortalConfigurationResolver(PortalConfigurations configurations, Map<String, String> roleMapping,
			String fallback) {
		Map<String, PortalConfiguration> byRole = new LinkedHashMap<>();
		roleMapping.forEach((role, id) -> byRole.put(role, configurations.get(id)));
		this.byRole = byRole;
		this.fallback = configurations.get(fallback);
	}

	@Override
	public PortalConfiguration resolve(AccountContext account) {
		for (Map.Entry<String, PortalConfiguration> entry : this.byRole.entrySet()) {
			if (account.hasRole(entry.getKey())) {
				return entry.getValue();
			}
		}
		return this.fallback;
	}

}
