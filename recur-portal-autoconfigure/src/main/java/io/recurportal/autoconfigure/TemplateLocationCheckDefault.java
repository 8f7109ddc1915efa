package io.recurportal.autoconfigure;

import java.io.IOException;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * Keeps the starter from adding a warning to a host that has no Thymeleaf templates of its
 * own. The starter brings Thymeleaf for the portal's pages, whose templates its own resolver
 * serves, and Boot then warns "Cannot find template location: classpath:/templates/" in a
 * host that never used Thymeleaf. For such a host only, and unless the host sets
 * {@value #PROPERTY} itself, the check is off; a host with templates keeps Boot's check.
 */
public final class TemplateLocationCheckDefault implements EnvironmentPostProcessor, Ordered {

	/** The property Boot reads. */
	static final String PROPERTY = "spring.thymeleaf.check-template-location";

	/** The name of the property source holding the default. */
	static final String PROPERTY_SOURCE_NAME = "recurPortalTemplateLocationDefault";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (environment.containsProperty(PROPERTY)
				|| !ClassUtils.isPresent("org.thymeleaf.spring6.SpringTemplateEngine", classLoader)
				|| hostHasTemplates(environment.getProperty("spring.thymeleaf.prefix", "classpath:/templates/"),
						new PathMatchingResourcePatternResolver(classLoader))) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(PROPERTY, false)));
	}

	// What Boot's own check looks for: the folder, or anything below it.
	private static boolean hostHasTemplates(String prefix, ResourcePatternResolver resolver) {
		if (resolver.getResource(prefix).exists()) {
			return true;
		}
		try {
			return resolver.getResources(prefix.endsWith("/") ? prefix + "**" : prefix + "/**").length > 0;
		}
		catch (IOException ex) {
			// As Boot's check: a location that cannot be listed (it does not exist) has none.
			return false;
		}
	}

	// After the config data is loaded, so the host's own setting is seen.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
