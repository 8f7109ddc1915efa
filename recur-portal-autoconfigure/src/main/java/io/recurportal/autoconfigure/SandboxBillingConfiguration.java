package io.recurportal.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import io.recurportal.autoconfigure.RecurPortalProperties.BillingProviderType;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.billing.sandbox.SandboxClock;
import io.recurportal.billing.sandbox.SandboxSeed;
import io.recurportal.billing.sandbox.SandboxSettings;
import io.recurportal.metrics.PortalMetrics;

/**
 * The embedded sandbox provider, chosen when no Stripe secret key is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBillingProvider(BillingProviderType.SANDBOX)
@ConditionalOnClass(name = "com.lowagie.text.Document")
class SandboxBillingConfiguration {

	private static final Log logger = LogFactory.getLog(SandboxBillingConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(BillingGateway.class)
	SandboxBillingGateway sandboxBillingGateway(RecurPortalProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<PortalMetrics> metrics) {
		if (properties.getMode() == RecurPortalProperties.PortalMode.STRIPE_HOSTED) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.mode", "stripe-hosted",
					"Stripe's hosted portal needs the Stripe provider: set recur.portal.stripe.secret-key");
		}
		if (properties.getBilling() == BillingProviderType.AUTO) {
			logger.warn("""

					*************************************************************************
					recur-portal is using the SANDBOX billing provider: no real payments.
					No Stripe secret key is set (recur.portal.stripe.secret-key). Set one to
					bill with Stripe, or recur.portal.billing=sandbox to silence this warning.
					*************************************************************************""");
		}
		RecurPortalProperties.Sandbox sandbox = properties.getSandbox();
		SandboxBillingGateway gateway = new SandboxBillingGateway(SandboxClock.system(), seed(sandbox, resourceLoader),
				new SandboxSettings(sandbox.getPastDueGracePeriod(), sandbox.getCheckoutUrl()));
		gateway.setMetrics(metrics.getIfAvailable(PortalMetrics::none));
		return gateway;
	}

	private static SandboxSeed seed(RecurPortalProperties.Sandbox sandbox, ResourceLoader resourceLoader) {
		if (sandbox.getData() != null) {
			return sandbox.getData();
		}
		if (sandbox.getSeed() == null) {
			return SandboxSeed.defaultSeed();
		}
		Resource resource = resourceLoader.getResource(sandbox.getSeed());
		if (!resource.exists()) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.sandbox.seed", sandbox.getSeed(),
					"No such file");
		}
		try {
			return SandboxSeed.read(resource.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the sandbox seed " + sandbox.getSeed(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.sandbox.seed", sandbox.getSeed(),
					ex.getMessage());
		}
	}

}
