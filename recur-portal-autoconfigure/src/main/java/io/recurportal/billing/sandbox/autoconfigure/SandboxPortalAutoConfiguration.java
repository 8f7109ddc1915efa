package io.recurportal.billing.sandbox.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.recurportal.autoconfigure.RecurPortalPagesAutoConfiguration;
import io.recurportal.autoconfigure.RecurPortalWebhookAutoConfiguration;
import io.recurportal.billing.BillingEventSink;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.billing.sandbox.SandboxEventBridge;
import io.recurportal.billing.sandbox.web.SandboxCheckoutController;
import io.recurportal.web.PortalPageContext;
import io.recurportal.webhook.RefreshWorker;

/**
 * Auto-configuration of what the sandbox adds to the portal when it is the provider: its
 * event source, handing its events to the portal's {@link BillingEventSink}, and its
 * checkout page, what Stripe Checkout is with Stripe.
 */
@AutoConfiguration(after = { SandboxBillingAutoConfiguration.class, RecurPortalWebhookAutoConfiguration.class,
		RecurPortalPagesAutoConfiguration.class })
@ConditionalOnClass(name = "com.lowagie.text.Document")
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@ConditionalOnBean(SandboxBillingGateway.class)
public final class SandboxPortalAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "recur.portal.webhook.enabled", matchIfMissing = true)
	@ConditionalOnBean(BillingEventSink.class)
	static class SandboxEventsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SandboxEventBridge sandboxEventBridge(BillingGateway gateway, BillingEventSink processor,
				ObjectProvider<RefreshWorker> worker) {
			SandboxEventBridge bridge = new SandboxEventBridge(gateway, processor);
			// Reading the sandbox costs no rate limit: its users see each change at once.
			worker.ifUnique((refreshWorker) -> bridge.setAfterEvent(refreshWorker::drain));
			return bridge;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
	@ConditionalOnBean(PortalPageContext.class)
	static class SandboxCheckoutConfiguration {

		@Bean
		SandboxCheckoutController recurPortalSandboxCheckoutController(BillingGateway gateway,
				PortalPageContext context) {
			return new SandboxCheckoutController(gateway, context);
		}

		// The checkout page is the sandbox's own: its template lives with the provider and is
		// laid out with the portal's fragments, which the portal's resolver serves.
		@Bean
		SpringResourceTemplateResolver recurPortalSandboxTemplateResolver() {
			SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
			resolver.setPrefix("classpath:/io/recurportal/billing/sandbox/templates/");
			resolver.setSuffix(".html");
			resolver.setTemplateMode(TemplateMode.HTML);
			resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
			resolver.setResolvablePatterns(Set.of("recur-portal-sandbox/*"));
			resolver.setCheckExistence(true);
			resolver.setOrder(0);
			return resolver;
		}

	}

}
