package io.recurportal.autoconfigure;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

import io.recurportal.email.JdbcSentEmailStore;
import io.recurportal.email.SentEmailStore;
import io.recurportal.billing.stripe.autoconfigure.StripeWebhookAutoConfiguration;
import io.recurportal.billing.sandbox.autoconfigure.SandboxPortalAutoConfiguration;
import io.recurportal.account.AccountCustomerLinks;
import io.recurportal.account.InMemoryAccountCustomerLinks;
import io.recurportal.account.JdbcAccountCustomerLinks;
import io.recurportal.audit.AuditTrail;
import io.recurportal.audit.InMemoryAuditTrail;
import io.recurportal.audit.JdbcAuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.customer.EmailChangeStore;
import io.recurportal.customer.InMemoryEmailChangeStore;
import io.recurportal.customer.JdbcEmailChangeStore;
import io.recurportal.jdbc.PortalSchemaInitializer;
import io.recurportal.session.InMemoryPortalSessionStore;
import io.recurportal.session.JdbcPortalSessionStore;
import io.recurportal.session.PortalSessionStore;
import io.recurportal.snapshot.BillingSnapshotStore;
import io.recurportal.snapshot.InMemoryBillingSnapshotStore;
import io.recurportal.snapshot.JdbcBillingSnapshotStore;
import io.recurportal.subscription.InMemorySubscriptionMirror;
import io.recurportal.subscription.JdbcSubscriptionMirror;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.testsupport.TestDatabases;
import io.recurportal.webhook.InMemoryWebhookEventStore;
import io.recurportal.webhook.JdbcWebhookEventStore;
import io.recurportal.webhook.ProcessingTransactions;
import io.recurportal.webhook.SpringProcessingTransactions;
import io.recurportal.webhook.WebhookEventStore;

import static io.recurportal.testsupport.TestSubscriptions.active;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.Mockito.mock;

class RecurPortalJdbcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RecurPortalJdbcAutoConfiguration.class,
				RecurPortalAutoConfiguration.class, RecurPortalWebhookAutoConfiguration.class,
						StripeWebhookAutoConfiguration.class, SandboxPortalAutoConfiguration.class))
		.withBean(BillingGateway.class, () -> mock(BillingGateway.class));

	// An embedded H2 as Boot configures it when it is on the classpath.
	private final ApplicationContextRunner withH2 = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	private static void hasJdbcStores(AssertableApplicationContext context) {
		assertThat(context).getBean(SubscriptionMirror.class).isInstanceOf(JdbcSubscriptionMirror.class);
		assertThat(context).getBean(AuditTrail.class).isInstanceOf(JdbcAuditTrail.class);
		assertThat(context).getBean(PortalSessionStore.class).isInstanceOf(JdbcPortalSessionStore.class);
		assertThat(context).getBean(EmailChangeStore.class).isInstanceOf(JdbcEmailChangeStore.class);
		assertThat(context).getBean(WebhookEventStore.class).isInstanceOf(JdbcWebhookEventStore.class);
		assertThat(context).getBean(SentEmailStore.class).isInstanceOf(JdbcSentEmailStore.class);
		assertThat(context).getBean(BillingSnapshotStore.class).isInstanceOf(JdbcBillingSnapshotStore.class);
		assertThat(context).getBean(AccountCustomerLinks.class).isInstanceOf(JdbcAccountCustomerLinks.class);
		assertThat(context).hasSingleBean(StoreCleanup.class).hasSingleBean(PortalSchemaInitializer.class);
		assertThat(context).getBean(ProcessingTransactions.class).isInstanceOf(SpringProcessingTransactions.class);
	}

	private static void hasMemoryStores(AssertableApplicationContext context) {
		assertThat(context).getBean(SubscriptionMirror.class).isInstanceOf(InMemorySubscriptionMirror.class);
		assertThat(context).getBean(AuditTrail.class).isInstanceOf(InMemoryAuditTrail.class);
		assertThat(context).getBean(PortalSessionStore.class).isInstanceOf(InMemoryPortalSessionStore.class);
		assertThat(context).getBean(EmailChangeStore.class).isInstanceOf(InMemoryEmailChangeStore.class);
		assertThat(context).getBean(WebhookEventStore.class).isInstanceOf(InMemoryWebhookEventStore.class);
		assertThat(context).getBean(BillingSnapshotStore.class).isInstanceOf(InMemoryBillingSnapshotStore.class);
		assertThat(context).getBean(AccountCustomerLinks.class).isInstanceOf(InMemoryAccountCustomerLinks.class);
		assertThat(context).doesNotHaveBean(StoreCleanup.class)
			.doesNotHaveBean(PortalSchemaInitializer.class)
			.doesNotHaveBean(ProcessingTransactions.class);
	}

	private static boolean hasTable(AssertableApplicationContext context, String table) {
		return JdbcClient.create(context.getBean(DataSource.class))
			.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = :table")
			.param("table", table)
			.query(Long.class)
			.single() == 1;
	}

	@Test
	void storeAutoWithDataSourceThenJdbcStoresOnCreatedTables() {
		this.withH2.run((context) -> {
			hasJdbcStores(context);
			assertThat(hasTable(context, "recur_portal_session")).isTrue();
			SubscriptionMirror mirror = context.getBean(SubscriptionMirror.class);
			mirror.save("acc_1", active("sub_1"));
			assertThat(mirror.find("acc_1", "sub_1")).contains(active("sub_1"));
		});
	}

	@Test
	void storeAutoWithoutDataSourceThenMemoryStores() {
		this.contextRunner.run(RecurPortalJdbcAutoConfigurationTests::hasMemoryStores);
	}

	@Test
	void storeMemoryWithDataSourceThenMemoryStores() {
		this.withH2.withPropertyValues("recur.portal.store=memory")
			.run(RecurPortalJdbcAutoConfigurationTests::hasMemoryStores);
	}

	@Test
	void storeJdbcWithDataSourceThenJdbcStores() {
		this.withH2.withPropertyValues("recur.portal.store=jdbc")
			.run(RecurPortalJdbcAutoConfigurationTests::hasJdbcStores);
	}

	@Test
	void storeJdbcWithoutDataSourceThenFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("recur.portal.store=jdbc").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new PortalSettingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("recur.portal.store = 'jdbc'", "DataSource");
			assertThat(analysis.getAction()).contains("spring.datasource.*", "recur.portal.store=memory");
		});
	}

	@Test
	void storeAutoWithoutJdbcOnTheClasspathThenMemoryStores() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JdbcClient.class))
			.withBean(DataSource.class, () -> mock(DataSource.class))
			.run(RecurPortalJdbcAutoConfigurationTests::hasMemoryStores);
	}

	@Test
	void hostStoresAreKept() {
		SubscriptionMirror hostMirror = new InMemorySubscriptionMirror();
		PortalSessionStore hostSessions = new InMemoryPortalSessionStore();
		this.withH2.withBean("hostMirror", SubscriptionMirror.class, () -> hostMirror)
			.withBean("hostSessions", PortalSessionStore.class, () -> hostSessions)
			.run((context) -> {
				assertThat(context).getBean(SubscriptionMirror.class).isSameAs(hostMirror);
				assertThat(context).getBean(PortalSessionStore.class).isSameAs(hostSessions);
				assertThat(context).getBean(AuditTrail.class).isInstanceOf(JdbcAuditTrail.class);
			});
	}

	@Test
	void initializeSchemaNeverThenNoTables() {
		this.withH2.withPropertyValues("recur.portal.jdbc.initialize-schema=never")
			.run((context) -> assertThat(hasTable(context, "recur_portal_session")).isFalse());
	}

	@Test
	void initializeSchemaEmbeddedWithPostgresThenNoTables() {
		String prefix = TestDatabases.uniqueTablePrefix();
		this.contextRunner.withBean(DataSource.class, TestDatabases::postgresPool)
			.withPropertyValues("recur.portal.jdbc.table-prefix=" + prefix)
			.run((context) -> {
				hasJdbcStores(context);
				assertThat(hasTable(context, prefix + "session")).isFalse();
			});
	}

	@Test
	void initializeSchemaAlwaysWithPostgresThenTablesWithThePrefix() {
		String prefix = TestDatabases.uniqueTablePrefix();
		this.contextRunner.withBean(DataSource.class, TestDatabases::postgresPool)
			.withPropertyValues("recur.portal.jdbc.table-prefix=" + prefix,
					"recur.portal.jdbc.initialize-schema=always")
			.run((context) -> {
				for (String table : new String[] { "session", "subscription", "subscription_sync", "audit",
						"webhook_event" }) {
					assertThat(hasTable(context, prefix + table)).as(table).isTrue();
				}
				assertThat(hasTable(context, "recur_portal_session")).isFalse();
				context.getBean(SubscriptionMirror.class).save("acc_1", active("sub_1"));
				assertThat(context.getBean(SubscriptionMirror.class).find("acc_1", "sub_1")).isPresent();
			});
	}

	@Test
	void tablePrefixWhenNotAnIdentifierThenFails() {
		this.withH2.withPropertyValues("recur.portal.jdbc.table-prefix=x; DROP TABLE users; --").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new PortalSettingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("recur.portal.jdbc.table-prefix = 'x; DROP TABLE users; --'",
					"letters, digits and underscores");
			assertThat(analysis.getAction()).contains("recur.portal.jdbc.table-prefix=billing_portal_");
		});
	}

	@Test
	void whenPortalDisabledThenNoStores() {
		this.withH2.withPropertyValues("recur.portal.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SubscriptionMirror.class)
				.doesNotHaveBean(WebhookEventStore.class)
				.doesNotHaveBean(PortalSchemaInitializer.class);
		});
	}

	@Test
	void cleanupIntervalWhenNotPositiveThenFails() {
		this.withH2.withPropertyValues("recur.portal.jdbc.cleanup-interval=0s").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new PortalSettingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("recur.portal.jdbc.cleanup-interval = 'PT0S'");
			assertThat(analysis.getAction()).contains("recur.portal.jdbc.cleanup-interval=10m");
		});
	}

	@Test
	void storeWhenUnknownValueThenFails() {
		MockEnvironment environment = new MockEnvironment().withProperty("recur.portal.store", "redis");
		assertThatException().isThrownBy(() -> OnJdbcStoreCondition.selected(environment));
	}

}
