package io.recurportal.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.recurportal.billing.stripe.autoconfigure.StripeBillingAutoConfiguration;
import io.recurportal.billing.sandbox.autoconfigure.SandboxBillingAutoConfiguration;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.ProviderInfo;
import io.recurportal.billing.ProviderStatus;
import io.recurportal.health.JdbcStoreHealthIndicator;
import io.recurportal.health.MemoryStoreHealthIndicator;
import io.recurportal.health.ProviderHealthIndicator;
import io.recurportal.jdbc.PortalTables;
import io.recurportal.testsupport.TestDatabases;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class RecurPortalHealthAutoConfigurationTests {

	private static final String PROVIDER = RecurPortalHealthAutoConfiguration.PROVIDER_INDICATOR;

	private static final String STORE = RecurPortalHealthAutoConfiguration.STORE_INDICATOR;

	@RegisterExtension
	static WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StripeBillingAutoConfiguration.class,
				SandboxBillingAutoConfiguration.class, RecurPortalBillingAutoConfiguration.class,
				RecurPortalJdbcAutoConfiguration.class, RecurPortalAutoConfiguration.class,
				RecurPortalHealthAutoConfiguration.class))
		.withPropertyValues("recur.portal.billing=sandbox");

	// An embedded H2 as Boot configures it when it is on the classpath.
	private final ApplicationContextRunner withH2 = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	private static Health health(AssertableApplicationContext context, String name) {
		return context.getBean(name, HealthIndicator.class).health();
	}

	@Test
	void sandboxAndMemoryStoresThenProviderAndStoreIndicatorsUp() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ProviderHealthIndicator.class)
				.hasSingleBean(MemoryStoreHealthIndicator.class)
				.doesNotHaveBean(JdbcStoreHealthIndicator.class);
			Health provider = health(context, PROVIDER);
			assertThat(provider.getStatus()).isEqualTo(Status.UP);
			assertThat(provider.getDetails()).contains(entry("provider", "sandbox"), entry("mode", "test"));
			Health store = health(context, STORE);
			assertThat(store.getStatus()).isEqualTo(Status.UP);
			assertThat(store.getDetails()).containsOnly(entry("store", "memory"));
		});
	}

	@Test
	void jdbcStoreThenJdbcIndicatorUpOnTheCreatedTables() {
		this.withH2.run((context) -> {
			assertThat(context).hasSingleBean(JdbcStoreHealthIndicator.class)
				.doesNotHaveBean(MemoryStoreHealthIndicator.class);
			Health store = health(context, STORE);
			assertThat(store.getStatus()).isEqualTo(Status.UP);
			assertThat(store.getDetails()).contains(entry("store", "jdbc"), entry("database", "H2"));
		});
	}

	@Test
	void jdbcStoreWithoutItsTablesThenDownNamingEveryTable() {
		this.withH2.withPropertyValues("recur.portal.jdbc.initialize-schema=never").run((context) -> {
			Health store = health(context, STORE);
			assertThat(store.getStatus()).isEqualTo(Status.DOWN);
			assertThat(store.getDetails()).containsEntry("missingTables", PortalTables.withPrefix("recur_portal_"));
			assertThat((String) store.getDetails().get("hint")).contains("schema-h2.sql");
		});
	}

	@Test
	void jdbcStoreWithATablePrefixThenItsTablesAreChecked() {
		String prefix = TestDatabases.uniqueTablePrefix();
		this.contextRunner.withBean(DataSource.class, TestDatabases::postgresPool)
			.withPropertyValues("recur.portal.jdbc.table-prefix=" + prefix,
					"recur.portal.jdbc.initialize-schema=always")
			.run((context) -> {
				assertThat(health(context, STORE).getStatus()).isEqualTo(Status.UP);
				assertThat(health(context, STORE).getDetails()).containsEntry("database", "PostgreSQL");
			});
		this.contextRunner.withBean(DataSource.class, TestDatabases::postgresPool)
			.withPropertyValues("recur.portal.jdbc.table-prefix=" + TestDatabases.uniqueTablePrefix())
			.run((context) -> assertThat(health(context, STORE).getStatus()).isEqualTo(Status.DOWN));
	}

	@Test
	void dataSourceButMemoryStoreThenMemoryIndicator() {
		this.withH2.withPropertyValues("recur.portal.store=memory")
			.run((context) -> assertThat(context).getBean(STORE).isInstanceOf(MemoryStoreHealthIndicator.class));
	}

	@Test
	void withoutSpringBootHealthThenNoIndicators() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PROVIDER)
				.doesNotHaveBean(STORE)
				.hasSingleBean(BillingGateway.class));
	}

	@Test
	void withoutJdbcThenMemoryIndicatorEvenWithADataSource() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(JdbcClient.class))
			.withBean(DataSource.class, () -> mock(DataSource.class))
			.run((context) -> assertThat(context).getBean(STORE).isInstanceOf(MemoryStoreHealthIndicator.class));
	}

	@Test
	void providerIndicatorDisabledThenOnlyTheStoreIndicator() {
		this.contextRunner.withPropertyValues("management.health.recur-portal-provider.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PROVIDER).hasBean(STORE));
	}

	@Test
	void providerIndicatorDisabledByItsComponentNameThenOnlyTheStoreIndicator() {
		this.contextRunner.withPropertyValues("management.health.recurPortalProvider.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PROVIDER).hasBean(STORE));
	}

	@Test
	void storeIndicatorDisabledThenOnlyTheProviderIndicator() {
		this.withH2.withPropertyValues("management.health.recur-portal-store.enabled=false")
			.run((context) -> assertThat(context).hasBean(PROVIDER).doesNotHaveBean(STORE));
	}

	@Test
	void defaultIndicatorsDisabledThenNoneUnlessEnabledByName() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PROVIDER).doesNotHaveBean(STORE));
		this.contextRunner
			.withPropertyValues("management.health.defaults.enabled=false",
					"management.health.recur-portal-provider.enabled=true")
			.run((context) -> assertThat(context).hasBean(PROVIDER).doesNotHaveBean(STORE));
	}

	@Test
	void hostIndicatorsOfTheSameNamesReplaceThePortals() {
		HealthIndicator hostProvider = () -> Health.up().withDetail("host", "provider").build();
		HealthIndicator hostStore = () -> Health.up().withDetail("host", "store").build();
		this.withH2.withBean(PROVIDER, HealthIndicator.class, () -> hostProvider)
			.withBean(STORE, HealthIndicator.class, () -> hostStore)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ProviderHealthIndicator.class)
					.doesNotHaveBean(JdbcStoreHealthIndicator.class)
					.doesNotHaveBean(MemoryStoreHealthIndicator.class);
				assertThat(context).getBean(PROVIDER).isSameAs(hostProvider);
				assertThat(context).getBean(STORE).isSameAs(hostStore);
			});
	}

	@Test
	void withoutBillingGatewayThenNoProviderIndicator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RecurPortalHealthAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PROVIDER).hasBean(STORE));
	}

	@Test
	void portalDisabledThenNoIndicators() {
		this.contextRunner.withPropertyValues("recur.portal.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PROVIDER).doesNotHaveBean(STORE));
	}

	@Test
	void providerCacheKeepsTheProviderAnswerForItsTime() {
		BillingGateway gateway = mock(BillingGateway.class);
		given(gateway.providerInfo()).willReturn(new ProviderInfo("acme", null, true));
		given(gateway.checkConnection()).willReturn(ProviderStatus.available());
		this.contextRunner.withBean(BillingGateway.class, () -> gateway).run((context) -> {
			health(context, PROVIDER);
			health(context, PROVIDER);
		});
		verify(gateway, times(1)).checkConnection();
	}

	@Test
	void providerCacheZeroThenTheProviderIsAskedEveryTime() {
		BillingGateway gateway = mock(BillingGateway.class);
		given(gateway.providerInfo()).willReturn(new ProviderInfo("acme", null, true));
		given(gateway.checkConnection()).willReturn(ProviderStatus.available());
		this.contextRunner.withBean(BillingGateway.class, () -> gateway)
			.withPropertyValues("recur.portal.health.provider-cache=0s")
			.run((context) -> {
				health(context, PROVIDER);
				health(context, PROVIDER);
				health(context, PROVIDER);
			});
		verify(gateway, times(3)).checkConnection();
	}

	@Test
	void providerCacheNegativeThenFails() {
		this.contextRunner.withPropertyValues("recur.portal.health.provider-cache=-1s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void stripeConfiguredByPropertiesThenItsKeyIsCheckedOncePerCacheTime() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers")).willReturn(
				okJson("{\"object\": \"list\", \"url\": \"/v1/customers\", \"has_more\": false, \"data\": []}")));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(StripeBillingAutoConfiguration.class,
					SandboxBillingAutoConfiguration.class, RecurPortalBillingAutoConfiguration.class,
					RecurPortalHealthAutoConfiguration.class))
			.withPropertyValues("recur.portal.stripe.secret-key=sk_test_51HealthAutoConfigurationKey",
					"recur.portal.stripe.api-base=" + stripe.baseUrl())
			.run((context) -> {
				Health first = health(context, PROVIDER);
				Health second = health(context, PROVIDER);
				assertThat(first.getStatus()).isEqualTo(Status.UP);
				assertThat(first.getDetails()).contains(entry("provider", "stripe"), entry("mode", "test"));
				assertThat(second).isEqualTo(first);
			});
		stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/customers")));
	}

	@Test
	void healthEndpointShowsTheComponentsUnderTheirNames() {
		this.withH2
			.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class))
			.run((context) -> {
				HealthDescriptor health = context.getBean(HealthEndpoint.class).health();
				assertThat(health).isInstanceOf(CompositeHealthDescriptor.class);
				assertThat(((CompositeHealthDescriptor) health).getComponents()).containsOnlyKeys(
						List.of("recurPortalProvider", "recurPortalStore", "recurPortalWebhooks"));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(context.getBean(HealthEndpoint.class).healthForPath("recurPortalStore").getStatus())
					.isEqualTo(Status.UP);
			});
	}

}
