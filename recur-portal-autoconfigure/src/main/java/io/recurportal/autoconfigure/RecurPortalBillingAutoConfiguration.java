package io.recurportal.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@link io.recurportal.billing.BillingGateway}: Stripe when a
 * secret key is set, else the embedded sandbox, unless the host has its own gateway.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RecurPortalProperties.class)
@Import({ StripeBillingConfiguration.class, SandboxBillingConfiguration.class })
public final class RecurPortalBillingAutoConfiguration {

}
