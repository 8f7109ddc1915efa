package io.recurportal.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.recurportal.account.AccountCustomerLinks;
import io.recurportal.account.JdbcAccountCustomerLinks;
import io.recurportal.audit.AuditTrail;
import io.recurportal.audit.JdbcAuditTrail;
import io.recurportal.billing.budget.JdbcProviderCallBudget;
import io.recurportal.billing.budget.ProviderCallBudget;
import io.recurportal.customer.EmailChangeStore;
import io.recurportal.customer.JdbcEmailChangeStore;
import io.recurportal.email.JdbcSentEmailStore;
import io.recurportal.email.SentEmailStore;
import io.recurportal.jdbc.JdbcStoreSupport;
import io.recurportal.jdbc.PortalSchemaInitializer;
import io.recurportal.login.JdbcLoginRateLimiter;
import io.recurportal.login.LoginRateLimiter;
import io.recurportal.session.JdbcPortalSessionStore;
import io.recurportal.session.PortalSessionStore;
import io.recurportal.snapshot.BillingSnapshotStore;
import io.recurportal.snapshot.JdbcBillingSnapshotStore;
import io.recurportal.subscription.JdbcSubscriptionMirror;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.webhook.JdbcRefreshQueue;
import io.recurportal.webhook.JdbcWebhookEventStore;
import io.recurportal.webhook.ProcessingTransactions;
import io.recurportal.webhook.RefreshQueue;
import io.recurportal.webhook.SpringProcessingTransactions;
import io.recurportal.webhook.WebhookEventStore;

/**
 * Auto-configuration of the portal's JDBC stores: portal sessions, the subscription
 * mirror, webhook event ids and the audit trail in the host's database, so several
 * instances behind a load balancer share them. Chosen by {@code recur.portal.store=jdbc},
 * or by default when the host has a {@code DataSource}; each store gives way to a bean
 * of the host's.
 * <p>
 * It runs before {@link RecurPortalAutoConfiguration} and
 * {@link RecurPortalWebhookAutoConfiguration}, whose in-memory stores are
 * {@code @ConditionalOnMissingBean} and so back off.
 */
@AutoConfiguration(before = { RecurPortalAutoConfiguration.class, RecurPortalWebhookAutoConfiguration.class },
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@ConditionalOnClass({ JdbcClient.class, DataSourceScriptDatabaseInitializer.class, JsonMapper.class })
@Conditional(OnJdbcStoreCondition.class)
@EnableConfigurationProperties({ RecurPortalJdbcProperties.class, RecurPortalWebhookProperties.class })
public final class RecurPortalJdbcAutoConfiguration {

	@Bean
	StoreDatabase recurPortalStoreDatabase(ObjectProvider<DataSource> dataSources,
			ObjectProvider<PlatformTransactionManager> transactionManagers, RecurPortalJdbcProperties properties) {
		// Every JDBC store is built on this bean, so the prefix is checked before any of them.
		if (!JdbcStoreSupport.isValidTablePrefix(properties.getTablePrefix())) {
			throw new PortalSettingException("recur.portal.jdbc.table-prefix", properties.getTablePrefix(),
					"it becomes part of SQL table names, so only letters, digits and underscores are allowed "
							+ "(at most 40)",
					"Write a prefix like recur.portal.jdbc.table-prefix=billing_portal_.");
		}
		PortalSettingsChecks.positive("recur.portal.jdbc.cleanup-interval", properties.getCleanupInterval());
		DataSource dataSource = dataSources.getIfUnique();
		if (dataSource == null) {
			throw new PortalSettingException("recur.portal.store", "jdbc",
					"the portal keeps its state in the database, but there is no single DataSource bean",
					"Configure one data source (spring.datasource.*), or set recur.portal.store=memory.");
		}
		// The host's transaction manager, so portal writes join the host's transactions;
		// one of our own over the same data source when there is none.
		PlatformTransactionManager transactionManager = transactionManagers
			.getIfUnique(() -> new DataSourceTransactionManager(dataSource));
		return new StoreDatabase(dataSource, new TransactionTemplate(transactionManager));
	}

	@Bean
	@ConditionalOnMissingBean
	PortalSchemaInitializer recurPortalSchemaInitializer(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new PortalSchemaInitializer(database.dataSource(), properties.getInitializeSchema(),
				properties.getTablePrefix(), properties.getSchema(), properties.getPlatform());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	SubscriptionMirror jdbcSubscriptionMirror(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcSubscriptionMirror(database.dataSource(), database.transactions(), properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	BillingSnapshotStore jdbcBillingSnapshotStore(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcBillingSnapshotStore(database.dataSource(), database.transactions(),
				properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	AccountCustomerLinks jdbcAccountCustomerLinks(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcAccountCustomerLinks(database.dataSource(), database.transactions(),
				properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	AuditTrail jdbcAuditTrail(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcAuditTrail(database.dataSource(), database.transactions(), properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	PortalSessionStore jdbcPortalSessionStore(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcPortalSessionStore(database.dataSource(), database.transactions(), properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	EmailChangeStore jdbcEmailChangeStore(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcEmailChangeStore(database.dataSource(), database.transactions(), properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	WebhookEventStore jdbcWebhookEventStore(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcWebhookEventStore(database.dataSource(), database.transactions(), properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	RefreshQueue jdbcRefreshQueue(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcRefreshQueue(database.dataSource(), database.transactions(), properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	ProviderCallBudget jdbcProviderCallBudget(StoreDatabase database, RecurPortalJdbcProperties properties,
			RecurPortalWebhookProperties webhook) {
		return new JdbcProviderCallBudget(database.dataSource(), database.transactions(), properties.getTablePrefix(),
				webhook.getWork().getProviderCallsPerSecond(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	LoginRateLimiter jdbcLoginRateLimiter(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcLoginRateLimiter(database.dataSource(), database.transactions(), properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	SentEmailStore jdbcSentEmailStore(StoreDatabase database, RecurPortalJdbcProperties properties) {
		return new JdbcSentEmailStore(database.dataSource(), database.transactions(), properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessingTransactions recurPortalProcessingTransactions(StoreDatabase database) {
		return new SpringProcessingTransactions(database.transactions());
	}

	@Bean
	StoreCleanup recurPortalStoreCleanup(ObjectProvider<PortalSessionStore> sessions,
			ObjectProvider<WebhookEventStore> webhookEvents, RecurPortalJdbcProperties properties) {
		return new StoreCleanup(sessions.getIfUnique(), webhookEvents.getIfUnique(), properties.getCleanupInterval(),
				properties.getWebhookEventRetention(), Clock.systemUTC());
	}

}
