package io.recurportal.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.recurportal.metrics.PortalMetrics;

/**
 * Auto-configuration of the {@link io.recurportal.billing.BillingGateway}: Stripe when a
 * secret key is set, else the embedded sandbox, unless the host has its own gateway.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RecurPortalProperties.class)
@Import({ StripeBillingConfiguration.class, SandboxBillingConfiguration.class })
public final class RecurPortalBillingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PortalMetrics portalMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
		MeterRegistry registry = meterRegistry.getIfUnique();
		return (registry != null) ? new PortalMetrics(registry) : PortalMetrics.none();
	}

}
