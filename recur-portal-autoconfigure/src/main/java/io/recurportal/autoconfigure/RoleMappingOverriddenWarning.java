package io.recurportal.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import io.recurportal.configuration.PortalConfigurationResolver;
import io.recurportal.configuration.RoleMappingPortalConfigurationResolver;

/**
 * Warns once at start-up when the host's own {@link PortalConfigurationResolver} bean
 * replaces the role mapping while {@code recur.portal.role-mapping.*} properties are also
 * set: the properties then do nothing, which a host would otherwise find out only when a
 * role gets the wrong portal.
 */
final class RoleMappingOverriddenWarning implements SmartInitializingSingleton {

	static final String PREFIX = "recur.portal.role-mapping";

	private static final Log logger = LogFactory.getLog(RoleMappingOverriddenWarning.class);

	private final PortalConfigurationResolver resolver;

	private final Environment environment;

	RoleMappingOverriddenWarning(PortalConfigurationResolver resolver, Environment environment) {
		this.resolver = resolver;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.resolver instanceof RoleMappingPortalConfigurationResolver) {
			return;
		}
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(PREFIX);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source.containsDescendantOf(prefix) == ConfigurationPropertyState.PRESENT) {
				logger.warn("recur-portal: the PortalConfigurationResolver bean ("
						+ this.resolver.getClass().getName() + ") decides each caller's portal configuration, so the "
						+ PREFIX + ".* properties" + origin(source)
						+ " are ignored. Remove them, or remove the bean to use them.");
				return;
			}
		}
	}

	// Names where the properties come from, such as an application.yml.
	private static String origin(ConfigurationPropertySource source) {
		return (source.getUnderlyingSource() instanceof PropertySource<?> propertySource)
				? " (" + propertySource.getName() + ")" : "";
	}

}
