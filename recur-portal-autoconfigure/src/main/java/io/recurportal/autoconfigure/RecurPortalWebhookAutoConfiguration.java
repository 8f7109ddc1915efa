package io.recurportal.autoconfigure;

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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import io.recurportal.api.RequestBodyLimitFilter;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.webhook.InMemoryWebhookEventStore;
import io.recurportal.webhook.ProcessingTransactions;
import io.recurportal.webhook.SandboxEventBridge;
import io.recurportal.webhook.StripeEventReader;
import io.recurportal.webhook.StripeSignatureVerifier;
import io.recurportal.webhook.StripeWebhookController;
import io.recurportal.webhook.WebhookEventHandler;
import io.recurportal.webhook.WebhookEventProcessor;
import io.recurportal.webhook.WebhookEventStore;

/**
 * Auto-configuration of provider events: Stripe's webhook endpoint (with a security
 * filter chain of its own that matches only its path, so it takes no JWT and no CSRF
 * token), and, with the sandbox, its events handed to the same processing.
 * <p>
 * Without a signing secret the endpoint answers 503 {@code webhook_not_configured}
 * rather than not existing: Stripe keeps retrying, and the events sent before the
 * secret was set are processed once it is.
 */
@AutoConfiguration(
		after = { RecurPortalAutoConfiguration.class, RecurPortalBillingAutoConfiguration.class,
				RecurPortalSecurityAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet."
						+ "ManagementWebSecurityAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "recur.portal.webhook.enabled", matchIfMissing = true)
@ConditionalOnBean({ BillingGateway.class, SubscriptionMirror.class, AccountSubscriptions.class })
@EnableConfigurationProperties(RecurPortalWebhookProperties.class)
@Import({ RecurPortalWebhookAutoConfiguration.StripeWebhookConfiguration.class,
		RecurPortalWebhookAutoConfiguration.SandboxEventsConfiguration.class })
public final class RecurPortalWebhookAutoConfiguration {

	/** The order of the webhook's filter chain: beside the account API's, before the host's. */
	public static final int WEBHOOK_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 49;

	// Enough to recognise redeliveries on one instance; the JDBC store keeps ids by age.
	private static final int IN_MEMORY_EVENT_CAPACITY = 10_000;

	@Bean
	@ConditionalOnMissingBean
	WebhookEventStore webhookEventStore() {
		return new InMemoryWebhookEventStore(IN_MEMORY_EVENT_CAPACITY);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEventHandler webhookEventHandler(BillingGateway gateway, SubscriptionMirror mirror,
			AccountSubscriptions subscriptions, AccountSnapshots snapshots) {
		return new WebhookEventHandler(gateway, mirror, subscriptions, snapshots);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEventProcessor webhookEventProcessor(WebhookEventStore store, WebhookEventHandler handler,
			ApplicationEventPublisher publisher, ObjectProvider<ProcessingTransactions> transactions,
			PortalMetrics metrics) {
		// The stores' transactions when they are JDBC; in memory there is nothing to roll back.
		WebhookEventProcessor processor = new WebhookEventProcessor(store, handler, publisher,
				transactions.getIfUnique(ProcessingTransactions::none), Clock.systemUTC());
		processor.setMetrics(metrics);
		return processor;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "com.stripe.net.Webhook", "org.springframework.web.servlet.DispatcherServlet" })
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class StripeWebhookConfiguration {

		private static final Log logger = LogFactory.getLog(StripeWebhookConfiguration.class);

		@Bean
		@ConditionalOnMissingBean
		StripeWebhookController stripeWebhookController(RecurPortalWebhookProperties properties,
				WebhookEventProcessor processor, BillingGateway gateway, PortalMetrics metrics) {
			StripeSignatureVerifier verifier = new StripeSignatureVerifier(properties.getSecrets(),
					properties.getTolerance(), Clock.systemUTC());
			if (!verifier.hasSecrets() && !(gateway instanceof SandboxBillingGateway)) {
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
			@Order(WEBHOOK_CHAIN_ORDER)
			@ConditionalOnMissingBean(name = "recurPortalWebhookSecurityFilterChain")
			SecurityFilterChain recurPortalWebhookSecurityFilterChain(HttpSecurity http,
					RecurPortalWebhookProperties properties, ObjectProvider<PathPatternRequestMatcher.Builder> paths,
					ObjectProvider<PortalWebhookSecurityCustomizer> customizers) {
				http.securityMatcher(RecurPortalSecurityAutoConfiguration.paths(paths).matcher(properties.getPath()))
					// The signature authenticates each request; there is no session or cookie to forge.
					.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
					.csrf((csrf) -> csrf.disable())
					.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
					.requestCache((cache) -> cache.disable())
					.addFilterBefore(new RequestBodyLimitFilter(StripeWebhookController.DEFAULT_MAX_BODY_BYTES), CsrfFilter.class);
				customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
				return http.build();
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.lowagie.text.Document")
	@ConditionalOnBean(SandboxBillingGateway.class)
	static class SandboxEventsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SandboxEventBridge sandboxEventBridge(BillingGateway gateway, WebhookEventProcessor processor) {
			return new SandboxEventBridge(gateway, processor);
		}

	}

}
