package io.recurportal.autoconfigure;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.recurportal.billing.stripe.autoconfigure.StripeBillingAutoConfiguration;
import io.recurportal.billing.sandbox.autoconfigure.SandboxBillingAutoConfiguration;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingProvider;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.billing.stripe.StripeBillingGateway;
import io.recurportal.error.PortalException;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class RecurPortalBillingAutoConfigurationTests {

	private static final String SECRET_KEY = "sk_test_51AutoConfigurationTestKey";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StripeBillingAutoConfiguration.class,
				SandboxBillingAutoConfiguration.class, RecurPortalBillingAutoConfiguration.class));

	@Test
	void whenNoSecretKeyThenSandboxWithOneLoudWarning(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BillingGateway.class).hasSingleBean(SandboxBillingGateway.class);
			assertThat(context.getBean(BillingGateway.class).providerInfo().name()).isEqualTo("sandbox");
		});
		assertThat(output).containsOnlyOnce("SANDBOX billing provider");
	}

	@Test
	void whenSandboxThenALocalDevelopmentProviderWithNoOrigins() {
		this.contextRunner.run((context) -> {
			BillingProvider provider = context.getBean(BillingProvider.class);
			assertThat(provider.name()).isEqualTo("sandbox");
			assertThat(provider.has(BillingProvider.Capability.LOCAL_DEVELOPMENT)).isTrue();
			assertThat(provider.has(BillingProvider.Capability.CHECKOUT_PAGE)).isTrue();
			assertThat(provider.formActionOrigins()).isEmpty();
		});
	}

	@Test
	void whenStripeThenItsHostedPagesOriginsAndNoLocalDevelopment() {
		this.contextRunner.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY).run((context) -> {
			BillingProvider provider = context.getBean(BillingProvider.class);
			assertThat(provider.name()).isEqualTo("stripe");
			assertThat(provider.has(BillingProvider.Capability.LOCAL_DEVELOPMENT)).isFalse();
			assertThat(provider.has(BillingProvider.Capability.HOSTED_PORTAL)).isTrue();
			assertThat(provider.formActionOrigins()).containsExactly("https://checkout.stripe.com",
					"https://billing.stripe.com");
		});
	}

	@Test
	void whenHostHasItsOwnGatewayThenNoProviderClaimsIt() {
		this.contextRunner.withBean(BillingGateway.class, () -> mock(BillingGateway.class))
			.run((context) -> assertThat(context).hasSingleBean(BillingGateway.class)
				.doesNotHaveBean(BillingProvider.class)
				.doesNotHaveBean(SandboxBillingGateway.class));
	}

	@Test
	void whenSandboxChosenExplicitlyThenNoWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("recur.portal.billing=sandbox")
			.run((context) -> assertThat(context).hasSingleBean(SandboxBillingGateway.class));
		assertThat(output).doesNotContain("SANDBOX billing provider");
	}

	@Test
	void whenSecretKeySetThenStripe(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY,
					"recur.portal.stripe.publishable-key=pk_test_123")
			.run((context) -> {
				assertThat(context).hasSingleBean(StripeBillingGateway.class).doesNotHaveBean(
						SandboxBillingGateway.class);
				assertThat(context.getBean(BillingGateway.class).providerInfo().publishableKey())
					.isEqualTo("pk_test_123");
			});
		assertThat(output).doesNotContain(SECRET_KEY);
	}

	@Test
	void whenStripeTimeoutsSetThenACallEndsWithinTheCallTimeout() {
		WireMockServer stripe = new WireMockServer(wireMockConfig().dynamicPort());
		stripe.start();
		try {
			stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_1MowQVLkdIwHu7ix"))
				.willReturn(okJson("{}").withFixedDelay(3000)));
			this.contextRunner
				.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY,
						"recur.portal.stripe.api-base=" + stripe.baseUrl(), "recur.portal.stripe.max-network-retries=5",
						"recur.portal.stripe.read-timeout=1s", "recur.portal.stripe.call-timeout=1500ms")
				.run((context) -> {
					BillingGateway gateway = context.getBean(BillingGateway.class);
					assertThatExceptionOfType(PortalException.class)
						.isThrownBy(() -> gateway.findSubscription("sub_1MowQVLkdIwHu7ix"));
					// After a 1 s try, the 500 ms back-off leaves no time for another within
					// the 1.5 s call, where 5 retries would otherwise make 6 requests. On a
					// loaded machine the one try may end before WireMock even logs it.
					assertThat(stripe.findAll(anyRequestedFor(anyUrl()))).hasSizeLessThanOrEqualTo(1);
				});
		}
		finally {
			stripe.stop();
		}
	}

	@Test
	void whenAStripeTimeoutIsNotPositiveThenStartupFailsNamingIt() {
		this.contextRunner
			.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY, "recur.portal.stripe.call-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("recur.portal.stripe.call-timeout"));
	}

	@Test
	void whenStripeHostedModeThenBillingPortalAndHostedSessions() {
		this.contextRunner
			.withBean(io.recurportal.configuration.PortalConfigurations.class,
					() -> new io.recurportal.configuration.PortalConfigurations(java.util.List.of()))
			.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY, "recur.portal.mode=stripe-hosted",
					"recur.portal.stripe.api-base=http://127.0.0.1:9", "recur.portal.stripe.max-network-retries=0")
			.run((context) -> {
				assertThat(context).hasSingleBean(io.recurportal.billing.stripe.StripeBillingPortal.class)
					.hasSingleBean(io.recurportal.session.ProviderHostedPortal.class);
			});
	}

	@Test
	void whenEmbeddedModeThenNoHostedPortal() {
		this.contextRunner.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(context)
				.doesNotHaveBean(io.recurportal.billing.stripe.StripeBillingPortal.class)
				.doesNotHaveBean(io.recurportal.session.ProviderHostedPortal.class));
	}

	@Test
	void whenStripeHostedModeOnSandboxThenStartupFails() {
		this.contextRunner.withPropertyValues("recur.portal.mode=stripe-hosted")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("recur.portal.mode"));
	}

	@Test
	void whenStripeChosenWithoutKeyThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("recur.portal.billing=STRIPE")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("recur.portal.stripe.secret-key"));
	}

	@Test
	void whenSandboxChosenDespiteKeyThenSandbox() {
		this.contextRunner.withPropertyValues("recur.portal.billing=sandbox",
				"recur.portal.stripe.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(context).hasSingleBean(SandboxBillingGateway.class)
				.doesNotHaveBean(StripeBillingGateway.class));
	}

	@Test
	void whenHostDefinesGatewayThenNeitherProvider() {
		BillingGateway own = mock(BillingGateway.class);
		this.contextRunner.withBean(BillingGateway.class, () -> own)
			.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(context).getBean(BillingGateway.class).isSameAs(own));
		this.contextRunner.withBean(BillingGateway.class, () -> own)
			.run((context) -> assertThat(context).getBean(BillingGateway.class).isSameAs(own));
	}

	@Test
	void whenDisabledThenNoGateway() {
		this.contextRunner.withPropertyValues("recur.portal.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BillingGateway.class));
	}

	@Test
	void whenStripeJavaMissingThenNoStripeGateway() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.stripe"))
			.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(context).doesNotHaveBean(BillingGateway.class));
	}

	@Test
	void whenOpenPdfMissingThenNoSandboxGateway() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.lowagie"))
			.run((context) -> assertThat(context).doesNotHaveBean(BillingGateway.class));
	}

	@Test
	void sandboxSeededFromFile() {
		this.contextRunner.withPropertyValues("recur.portal.sandbox.seed=classpath:test-seed.json").run((context) -> {
			BillingGateway gateway = context.getBean(BillingGateway.class);
			assertThat(gateway.findCustomerByExternalId("acct_active")).hasValueSatisfying(
					(customer) -> assertThat(customer.id()).isEqualTo("cus_active"));
			assertThat(gateway.findSubscription("sub_on_hold"))
				.hasValueSatisfying((subscription) -> assertThat(subscription.isOnHold()).isTrue());
		});
	}

	@Test
	void sandboxSeededFromProperties() {
		this.contextRunner
			.withPropertyValues("recur.portal.sandbox.data.products[0].id=prod_x",
					"recur.portal.sandbox.data.products[0].name=X",
					"recur.portal.sandbox.data.products[0].prices[0].id=price_x",
					"recur.portal.sandbox.data.products[0].prices[0].currency=jpy",
					"recur.portal.sandbox.data.products[0].prices[0].unit-amount=1200",
					"recur.portal.sandbox.data.products[0].prices[0].interval=month",
					"recur.portal.sandbox.data.customers[0].id=cus_x",
					"recur.portal.sandbox.data.customers[0].external-id=acct_x",
					"recur.portal.sandbox.data.customers[0].subscriptions[0].price-id=price_x")
			.run((context) -> {
				BillingGateway gateway = context.getBean(BillingGateway.class);
				assertThat(gateway.listPrices()).singleElement()
					.satisfies((price) -> assertThat(price.unitAmount()).isEqualTo(1200));
				assertThat(gateway.listSubscriptions("cus_x")).hasSize(1);
			});
	}

	@Test
	void whenSeedFileMissingThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner.withPropertyValues("recur.portal.sandbox.seed=classpath:nope.json").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("recur.portal.sandbox.seed = 'classpath:nope.json'",
					"no such file");
			assertThat(analysis.getAction()).contains("classpath:sandbox-seed.json", "built-in catalog");
		});
	}

	@Test
	void whenSeedFileIsBadThenStartupFailsThroughTheAnalyzerNamingTheField() {
		this.contextRunner.withPropertyValues("recur.portal.sandbox.seed=classpath:bad-seed.json")
			.run((context) -> assertThat(analysis(context).getDescription()).contains(
					"recur.portal.sandbox.seed = 'classpath:bad-seed.json'",
					"customers[0].subscriptions[0].priceId: no price 'price_gold' in products"));
	}

	@Test
	void whenSeedPropertiesNameAMissingPriceThenStartupFailsThroughTheAnalyzerNamingIt() {
		this.contextRunner
			.withPropertyValues("recur.portal.sandbox.data.products[0].id=prod_x",
					"recur.portal.sandbox.data.products[0].name=X",
					"recur.portal.sandbox.data.products[0].prices[0].id=price_x",
					"recur.portal.sandbox.data.products[0].prices[0].currency=usd",
					"recur.portal.sandbox.data.products[0].prices[0].unit-amount=100",
					"recur.portal.sandbox.data.products[0].prices[0].interval=month",
					"recur.portal.sandbox.data.customers[0].subscriptions[0].price-id=price_pro_monthly")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyzersInOrder.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains(
						"recur.portal.sandbox.data.customers[0].subscriptions[0].priceId",
						"no price 'price_pro_monthly' in products (known: price_x)");
				assertThat(analysis.getAction()).contains("recur.portal.sandbox.data.customers[0]");
			});
	}

	@Test
	void whenSeedPropertyIsBadThenStartupFailsThroughTheAnalyzerNamingIt() {
		this.contextRunner
			.withPropertyValues("recur.portal.sandbox.data.customers[0].subscriptions[0].price-id=price_pro_monthly",
					"recur.portal.sandbox.data.customers[0].subscriptions[0].status=frozen")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyzersInOrder.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("recur.portal.sandbox.data.customers[0]",
						"status", "'frozen' is not one of");
			});
	}

	@Test
	void sandboxCustomersFromPropertiesWithoutProductsThenBuiltInCatalog() {
		this.contextRunner
			.withPropertyValues("recur.portal.sandbox.data.customers[0].id=cus_x",
					"recur.portal.sandbox.data.customers[0].metadata.recur_account_id=acct_x",
					"recur.portal.sandbox.data.customers[0].subscriptions[0].price-id=price_pro_monthly")
			.run((context) -> {
				BillingGateway gateway = context.getBean(BillingGateway.class);
				assertThat(gateway.listPrices()).hasSize(4);
				assertThat(gateway.findCustomerByExternalId("acct_x")).hasValueSatisfying(
						(customer) -> assertThat(customer.id()).isEqualTo("cus_x"));
			});
	}

	@Test
	void whenGracePeriodIsNegativeThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner.withPropertyValues("recur.portal.sandbox.past-due-grace-period=-1d")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("recur.portal.sandbox.past-due-grace-period = 'PT-24H'", "negative"));
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new PortalSettingFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Test
	void whenNoSeedThenBuiltInCatalog() {
		this.contextRunner.run((context) -> assertThat(context.getBean(BillingGateway.class).listPrices()).isNotEmpty(
				));
	}

}
