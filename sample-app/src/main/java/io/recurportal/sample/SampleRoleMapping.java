package io.recurportal.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurationResolver;
import io.recurportal.configuration.PortalConfigurations;

/**
 * This application's own role mapping, replacing the starter's property-based one:
 * account owners and billing admins manage billing, team owners manage a team plan with
 * seats, everyone else sees invoices.
 */
@Configuration(proxyBeanMethods = false)
class SampleRoleMapping {

	@Bean
	PortalConfigurationResolver portalConfigurationResolver(PortalConfigurations configurations) {
		PortalConfiguration full = configurations.get(PortalConfiguration.FULL);
		PortalConfiguration invoices = configurations.get(PortalConfiguration.INVOICES);
		PortalConfiguration team = configurations.get("team");
		return (account) -> {
			if (account.hasRole("team-owner")) {
				return team;
			}
			return (account.hasRole("owner") || account.hasRole("billing-admin")) ? full : invoices;
		};
	}

}
