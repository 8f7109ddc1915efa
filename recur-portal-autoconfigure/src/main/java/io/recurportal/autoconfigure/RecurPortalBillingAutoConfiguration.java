package io.recurportal.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The point after which the {@link io.recurportal.billing.BillingGateway} is known: every
 * provider's auto-configuration (Stripe's, the sandbox's, a third one's) runs before it,
 * and everything that uses the gateway after it. A host's own gateway bean takes the
 * place of any provider's.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RecurPortalProperties.class)
public final class RecurPortalBillingAutoConfiguration {

}
