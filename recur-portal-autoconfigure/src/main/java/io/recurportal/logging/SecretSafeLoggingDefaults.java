package io.recurportal.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Quietens the framework loggers that write a request's raw headers at INFO: Tomcat
 * logs a malformed header line whole (an {@code Authorization: Bearer ...} line
 * included) and an invalid cookie header whole (the portal's session cookie included),
 * the first time in a JVM. They log at {@code WARN} unless the host sets their level:
 * the defaults are the environment's last property source, so any setting of the
 * host's wins.
 */
public final class SecretSafeLoggingDefaults implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "recurPortalLoggingDefaults";

	static final Map<String, Object> DEFAULTS;

	static {
		Map<String, Object> defaults = new LinkedHashMap<>();
		// "Error parsing HTTP request header" with "The HTTP header line [...]".
		defaults.put("logging.level.org.apache.coyote.http11.Http11Processor", "WARN");
		// "A cookie header was received [...] that contained an invalid cookie".
		defaults.put("logging.level.org.apache.tomcat.util.http.parser.Cookie", "WARN");
		DEFAULTS = Map.copyOf(defaults);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, DEFAULTS));
		}
	}

	// After the config data is loaded; the level is read by the logging system afterwards.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
