package io.recurportal.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.recurportal.access.PortalAccessPolicy;
import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.account.BillingAccountCustomerResolver;
import io.recurportal.billing.BillingGateway;
import io.recurportal.configuration.PortalConfigurationResolver;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.configuration.RoleMappingPortalConfigurationResolver;

/**
 * Auto-configuration of the portal's core: configurations, the role mapping, the
 * access policy and how accounts find their customer.
 */
@AutoConfiguration(after = RecurPortalBillingAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RecurPortalProperties.class)
public final class RecurPortalAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PortalConfigurations portalConfigurations(RecurPortalProperties properties) {
		return PortalConfigurationsFactory.create(properties.getConfigurations());
	}

	@Bean
	@ConditionalOnMissingBean
	PortalConfigurationResolver portalConfigurationResolver(PortalConfigurations configurations,
			RecurPortalProperties properties) {
		RecurPortalProperties.RoleMapping mapping = properties.getRoleMapping();
		return new RoleMappingPortalConfigurationResolver(configurations, mapping.getRoles(), mapping.getFallback());
	}

	@Bean
	@ConditionalOnMissingBean
	PortalAccessPolicy portalAccessPolicy() {
		return new PortalAccessPolicy();
	}

	@Bean
	@ConditionalOnMissingBean
	AccountCustomerResolver accountCustomerResolver(BillingGateway billingGateway) {
		return new BillingAccountCustomerResolver(billingGateway);
	}

}
