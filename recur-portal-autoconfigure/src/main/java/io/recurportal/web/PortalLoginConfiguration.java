package io.recurportal.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.login.EmailLogin;

/**
 * The login page's beans, imported by the starter's login auto-configuration after the
 * portal pages' own.
 */
@Configuration(proxyBeanMethods = false)
public class PortalLoginConfiguration {

	@Bean
	PortalLoginController recurPortalLoginController(EmailLogin login, PortalConfigurations configurations,
			PortalPageContext context) {
		return new PortalLoginController(login, configurations, context, login.defaultConfigurationId(),
				login.linkTtl());
	}

}
