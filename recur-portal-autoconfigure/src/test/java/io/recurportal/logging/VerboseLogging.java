package io.recurportal.logging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring Boot test with the loggers that see the portal's secrets turned up, as
 * a host debugging its billing would turn them up, and the console captured
 * ({@code CapturedOutput}). {@code spring.mvc.log-request-details} keeps its default,
 * {@code false}: logging request parameters and headers is the host's choice. The levels
 * are put back after the class: a later test class whose context is already cached does
 * not set up logging again, and would log as verbosely.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = { "logging.level.io.recurportal=TRACE", "logging.level.com.stripe=DEBUG",
		// stripe-java logs through java.util.logging, to a logger named "Stripe".
		"logging.level.Stripe=DEBUG", "logging.level.org.springframework.security=DEBUG",
		"logging.level.org.springframework.web=DEBUG",
		// What DispatcherServlet logs in a server, MockMvc's TestDispatcherServlet logs here.
		"logging.level.org.springframework.test.web.servlet=DEBUG",
		// Request and response bodies in full, not their first 100 characters: a secret
		// anywhere in a body is seen.
		"logging.level.org.springframework.web.servlet.mvc.method.annotation=TRACE",
		"spring.main.banner-mode=off" })
@ExtendWith({ OutputCaptureExtension.class, VerboseLogging.RestoreLevels.class })
@interface VerboseLogging {

	/** Every logger whose level the annotation sets. */
	String[] LOGGERS = { "io.recurportal", "com.stripe", "Stripe", "org.springframework.security",
			"org.springframework.web", "org.springframework.test.web.servlet",
			"org.springframework.web.servlet.mvc.method.annotation" };

	/**
	 * Puts the levels back to what the logging configuration says.
	 */
	final class RestoreLevels implements AfterAllCallback {

		@Override
		public void afterAll(ExtensionContext context) {
			LoggingSystem system = LoggingSystem.get(context.getRequiredTestClass().getClassLoader());
			for (String logger : LOGGERS) {
				system.setLogLevel(logger, null);
			}
		}

	}

}
