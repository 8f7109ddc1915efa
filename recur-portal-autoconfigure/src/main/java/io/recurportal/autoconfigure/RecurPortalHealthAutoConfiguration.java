package io.recurportal.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.recurportal.billing.BillingGateway;
import io.recurportal.health.JdbcStoreHealthIndicator;
import io.recurportal.health.MemoryStoreHealthIndicator;
import io.recurportal.health.ProviderHealthIndicator;
import io.recurportal.health.WebhookBacklogHealthIndicator;
import io.recurportal.webhook.RefreshQueue;

/**
 * Auto-configuration of the portal's Actuator health indicators, when Spring Boot's
 * health support is on the classpath: {@code recurPortalProvider}, whether the billing
 * provider answers and accepts the key (see {@link ProviderHealthIndicator}), and
 * {@code recurPortalStore}, whether the portal's stores can be used (its tables on JDBC,
 * see {@link JdbcStoreHealthIndicator}; always UP in memory).
 * <p>
 * Each can be turned off with {@code management.health.recur-portal-provider.enabled} or
 * {@code management.health.recur-portal-store.enabled}, or replaced by a bean of the
 * same name ({@code recurPortalProviderHealthIndicator}, {@code recurPortalStoreHealthIndicator}).
 * Stores the host replaced with its own beans are the host's to check.
 * <p>
 * Spring Boot puts neither in the {@code liveness} or {@code readiness} group, and they
 * should stay out of liveness: restarting an instance fixes neither Stripe nor a missing
 * table. See {@link ProviderHealthIndicator} before adding the provider to readiness.
 */
@AutoConfiguration(after = { RecurPortalBillingAutoConfiguration.class, RecurPortalJdbcAutoConfiguration.class,
		RecurPortalAutoConfiguration.class, RecurPortalWebhookAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@EnableConfigurationProperties({ RecurPortalHealthProperties.class, RecurPortalWebhookProperties.class })
@Import({ RecurPortalHealthAutoConfiguration.ProviderHealthConfiguration.class,
		RecurPortalHealthAutoConfiguration.JdbcStoreHealthConfiguration.class,
		RecurPortalHealthAutoConfiguration.MemoryStoreHealthConfiguration.class,
		RecurPortalHealthAutoConfiguration.WebhooksHealthConfiguration.class })
public final class RecurPortalHealthAutoConfiguration {

	/** The bean name of the provider indicator; Boot names the component without the suffix. */
	static final String PROVIDER_INDICATOR = "recurPortalProviderHealthIndicator";

	/** The bean name of the store indicator. */
	static final String STORE_INDICATOR = "recurPortalStoreHealthIndicator";

	/** The bean name of the webhook backlog indicator. */
	static final String WEBHOOKS_INDICATOR = "recurPortalWebhooksHealthIndicator";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(RefreshQueue.class)
	@ConditionalOnEnabledHealthIndicator("recur-portal-webhooks")
	static class WebhooksHealthConfiguration {

		@Bean(WEBHOOKS_INDICATOR)
		@ConditionalOnMissingBean(name = WEBHOOKS_INDICATOR)
		WebhookBacklogHealthIndicator recurPortalWebhooksHealthIndicator(RefreshQueue queue,
				RecurPortalWebhookProperties webhook) {
			return new WebhookBacklogHealthIndicator(queue, webhook.getWork().getHealthThreshold(), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(BillingGateway.class)
	@ConditionalOnEnabledHealthIndicator("recur-portal-provider")
	static class ProviderHealthConfiguration {

		@Bean(PROVIDER_INDICATOR)
		@ConditionalOnMissingBean(name = PROVIDER_INDICATOR)
		ProviderHealthIndicator recurPortalProviderHealthIndicator(BillingGateway gateway,
				RecurPortalHealthProperties health) {
			return new ProviderHealthIndicator(gateway, health.getProviderCache());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.jdbc.core.simple.JdbcClient",
			"org.springframework.boot.jdbc.DatabaseDriver" })
	@ConditionalOnBean(StoreDatabase.class)
	@ConditionalOnEnabledHealthIndicator("recur-portal-store")
	static class JdbcStoreHealthConfiguration {

		@Bean(STORE_INDICATOR)
		@ConditionalOnMissingBean(name = STORE_INDICATOR)
		JdbcStoreHealthIndicator recurPortalStoreHealthIndicator(StoreDatabase database,
				RecurPortalJdbcProperties properties) {
			return new JdbcStoreHealthIndicator(database.dataSource(), properties.getTablePrefix(),
					properties.getSchema(), properties.getPlatform());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(StoreDatabase.class)
	@ConditionalOnEnabledHealthIndicator("recur-portal-store")
	static class MemoryStoreHealthConfiguration {

		@Bean(STORE_INDICATOR)
		@ConditionalOnMissingBean(name = STORE_INDICATOR)
		MemoryStoreHealthIndicator recurPortalStoreHealthIndicator() {
			return new MemoryStoreHealthIndicator();
		}

	}

}
