package io.recurportal.billing.sandbox.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import io.recurportal.autoconfigure.ConditionalOnBillingProvider;
import io.recurportal.autoconfigure.PortalSettingException;
import io.recurportal.autoconfigure.RecurPortalBillingAutoConfiguration;
import io.recurportal.autoconfigure.RecurPortalProperties;
import io.recurportal.autoconfigure.RecurPortalProperties.BillingProviderType;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingProvider;
import io.recurportal.billing.BillingProvider.Capability;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.billing.sandbox.SandboxClock;
import io.recurportal.billing.sandbox.SandboxSeed;
import io.recurportal.billing.sandbox.SandboxSettings;
import io.recurportal.metrics.PortalMetrics;

/**
 * Auto-configuration of the embedded sandbox provider, selected by
 * {@code recur.portal.billing=sandbox} or, under {@code auto}, when no other provider
 * is configured: it runs after every other provider and backs off when there is a
 * {@link BillingGateway}. It contributes its gateway and its
 * {@link BillingProvider capabilities}.
 */
@AutoConfiguration(before = RecurPortalBillingAutoConfiguration.class)
// The fallback: after every provider that a property selects.
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE - 10)
@ConditionalOnClass(name = "com.lowagie.text.Document")
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
// A key set for Stripe under auto never falls back to the sandbox, even when Stripe cannot start.
@ConditionalOnBillingProvider(value = "sandbox", autoUnless = "recur.portal.stripe.secret-key")
@EnableConfigurationProperties({ RecurPortalProperties.class, SandboxProperties.class })
public final class SandboxBillingAutoConfiguration {

	private static final String SEED = "recur.portal.sandbox.seed";

	private static final Log logger = LogFactory.getLog(SandboxBillingAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(BillingGateway.class)
	SandboxBillingGateway sandboxBillingGateway(RecurPortalProperties properties, SandboxProperties sandbox,
			ResourceLoader resourceLoader, ObjectProvider<PortalMetrics> metrics) {
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
		if (sandbox.getPastDueGracePeriod().isNegative()) {
			throw new PortalSettingException("recur.portal.sandbox.past-due-grace-period",
					sandbox.getPastDueGracePeriod(), "a grace period cannot be negative",
					"Write a duration, like recur.portal.sandbox.past-due-grace-period=14d.");
		}
		SandboxBillingGateway gateway = new SandboxBillingGateway(SandboxClock.system(), seed(sandbox, resourceLoader),
				new SandboxSettings(sandbox.getPastDueGracePeriod(), sandbox.getCheckoutUrl()));
		gateway.setMetrics(metrics.getIfAvailable(PortalMetrics::none));
		return gateway;
	}

	// A test double put in the sandbox's place claims nothing of the sandbox.
	@Bean
	@ConditionalOnBean(SandboxBillingGateway.class)
	@ConditionalOnMissingBean
	BillingProvider sandboxBillingProvider(BillingGateway gateway) {
		if (!(gateway instanceof SandboxBillingGateway)) {
			return BillingProvider.unknown();
		}
		return new BillingProvider("sandbox", Set.of(Capability.CHECKOUT, Capability.PAUSE,
				Capability.LOCAL_DEVELOPMENT, Capability.CHECKOUT_PAGE), List.of());
	}

	private static SandboxSeed seed(SandboxProperties sandbox, ResourceLoader resourceLoader) {
		if (sandbox.getData() != null) {
			return sandbox.getData();
		}
		if (sandbox.getSeed() == null) {
			return SandboxSeed.defaultSeed();
		}
		Resource resource = resourceLoader.getResource(sandbox.getSeed());
		if (!resource.exists()) {
			throw new PortalSettingException(SEED, sandbox.getSeed(), "there is no such file",
					"Point it at a JSON seed, like " + SEED + "=classpath:sandbox-seed.json (a file under "
							+ "src/main/resources), or leave it out to use the built-in catalog.");
		}
		try {
			return SandboxSeed.read(resource.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the sandbox seed " + sandbox.getSeed(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new PortalSettingException(SEED, sandbox.getSeed(), ex.getMessage(),
					"Fix the seed file where the message says; the README's \"Using the sandbox in your own "
							+ "host\" shows a complete one.");
		}
	}

}
