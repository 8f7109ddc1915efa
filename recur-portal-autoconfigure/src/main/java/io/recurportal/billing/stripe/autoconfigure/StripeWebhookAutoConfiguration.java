package io.recurportal.billing.stripe.autoconfigure;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import io.recurportal.api.RequestBodyLimitFilter;
import io.recurportal.autoconfigure.PortalWebhookSecurityCustomizer;
import io.recurportal.autoconfigure.RecurPortalSecurityAutoConfiguration;
import io.recurportal.autoconfigure.RecurPortalWebhookAutoConfiguration;
import io.recurportal.autoconfigure.RecurPortalWebhookProperties;
import io.recurportal.billing.BillingEventSink;
import io.recurportal.billing.BillingProvider;
import io.recurportal.billing.stripe.webhook.StripeEventReader;
import io.recurportal.billing.stripe.webhook.StripeSignatureVerifier;
import io.recurportal.billing.stripe.webhook.StripeWebhookController;
import io.recurportal.metrics.PortalMetrics;

/**
 * Auto-configuration of Stripe's inbound events: its webhook endpoint (with a security
 * filter chain of its own that matches only its path, so it takes no JWT and no CSRF
 * token), which hands each verified event to the portal's {@link BillingEventSink}.
 * <p>
 * The endpoint is there whenever stripe-java is, whichever provider is selected. Without
 * a signing secret it answers 503 {@code webhook_not_configured} rather than not
 * existing: Stripe keeps retrying, and the events sent before the secret was set are
 * processed once it is.
 */
@AutoConfiguration(after = { RecurPortalWebhookAutoConfiguration.class, RecurPortalSecurityAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet."
						+ "ManagementWebSecurityAutoConfiguration" })
@ConditionalOnClass(name = { "com.stripe.net.Webhook", "org.springframework.web.servlet.DispatcherServlet" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "recur.portal.webhook.enabled", matchIfMissing = true)
@ConditionalOnBean(BillingEventSink.class)
public final class StripeWebhookAutoConfiguration {

	private static final Log logger = LogFactory.getLog(StripeWebhookAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	StripeWebhookController stripeWebhookController(RecurPortalWebhookProperties properties,
			BillingEventSink processor, ObjectProvider<BillingProvider> provider, PortalMetrics metrics) {
		StripeSignatureVerifier verifier = new StripeSignatureVerifier(properties.getSecrets(),
				properties.getTolerance(), Clock.systemUTC());
		boolean localDevelopment = provider.getIfAvailable(BillingProvider::unknown)
			.has(BillingProvider.Capability.LOCAL_DEVELOPMENT);
		if (!verifier.hasSecrets() && !localDevelopment) {
			logger.warn("recur-portal: no Stripe webhook signing secret (recur.portal.webhook.secrets); "
					+ properties.getPath() + " answers 503 until one is set, and Stripe keeps retrying.");
		}
		StripeWebhookController controller = new StripeWebhookController(verifier, new StripeEventReader(),
				processor);
		controller.setMetrics(metrics);
		return controller;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SecurityFilterChain.class)
	@ConditionalOnBean(HttpSecurity.class)
	static class WebhookSecurityConfiguration {

		@Bean
		@Order(RecurPortalWebhookAutoConfiguration.WEBHOOK_CHAIN_ORDER)
		@ConditionalOnMissingBean(name = "recurPortalWebhookSecurityFilterChain")
		SecurityFilterChain recurPortalWebhookSecurityFilterChain(HttpSecurity http,
				RecurPortalWebhookProperties properties, ObjectProvider<PathPatternRequestMatcher.Builder> paths,
				ObjectProvider<PortalWebhookSecurityCustomizer> customizers) {
			// Boot's matcher builder knows spring.mvc.servlet.path; else Spring Security's default.
			http.securityMatcher(paths.getIfAvailable(PathPatternRequestMatcher::withDefaults)
				.matcher(properties.getPath()))
				// The signature authenticates each request; there is no session or cookie to forge.
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache((cache) -> cache.disable())
				.addFilterBefore(new RequestBodyLimitFilter(StripeWebhookController.DEFAULT_MAX_BODY_BYTES),
						CsrfFilter.class);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
			return http.build();
		}

	}

}
