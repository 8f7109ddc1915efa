package io.recurportal.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.ClassUtils;

import io.recurportal.api.SubscriptionsController;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingProvider;
import io.recurportal.billing.stripe.webhook.StripeWebhookController;
import io.recurportal.health.ProviderHealthIndicator;
import io.recurportal.login.LoggingLoginLinkSender;
import io.recurportal.login.LoginLinkSender;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.web.LicenseKeyProvider;
import io.recurportal.web.PortalPagesController;
import io.recurportal.webhook.InMemoryWebhookEventStore;
import io.recurportal.webhook.WebhookEventStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stripe-java, OpenPDF, JDBC, mail, Thymeleaf and Actuator are optional: a host's whole
 * application (every auto-configuration, Boot's and the portal's) starts without each of
 * them, and the portal does without what it brings. OpenPDF is the sandbox's: without it
 * only another provider can serve.
 */
class OptionalTechnologyTests {

	private static final String SECRET_KEY = "sk_test_51OptionalTechnologyKey";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withUserConfiguration(TestHostApplication.class)
		.withPropertyValues("recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.base-url=https://billing.example.com");

	@Test
	void withEveryTechnologyThenTheWholePortal() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(BillingGateway.class)
				.hasSingleBean(SubscriptionsController.class)
				.hasSingleBean(PortalPagesController.class)
				.hasSingleBean(StripeWebhookController.class)
				.hasSingleBean(ProviderHealthIndicator.class)
				// License keys are the host's to supply: no default that shows an empty section.
				.doesNotHaveBean(LicenseKeyProvider.class);
			assertThat(context.getBean(BillingProvider.class).name()).isEqualTo("sandbox");
		});
	}

	@Test
	void withoutStripeJavaThenTheSandboxAndNoStripeWebhook() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.stripe")).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(BillingGateway.class)
				.hasSingleBean(SubscriptionsController.class)
				.doesNotHaveBean(StripeWebhookController.class);
			assertThat(context.getBean(BillingProvider.class).name()).isEqualTo("sandbox");
		});
	}

	@Test
	void withoutThymeleafThenTheJsonApiAndNoPages() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.thymeleaf")).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SubscriptionsController.class)
				.doesNotHaveBean(PortalPagesController.class);
		});
	}

	// The sandbox renders its invoices' PDFs with OpenPDF and cannot do without: its
	// invoices are the portal's, with a PDF each. Without OpenPDF, Stripe (whose PDFs are
	// its own) is the provider.
	@Test
	void withoutOpenPdfThenStripe() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.lowagie"))
			.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY,
					"recur.portal.webhook.secrets=whsec_optional", "recur.portal.login.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SubscriptionsController.class);
				assertThat(context.getBean(BillingProvider.class).name()).isEqualTo("stripe");
			});
	}

	// As before the split: with no provider at all the portal says what it misses.
	@Test
	void withoutOpenPdfAndStripeKeyThenNoProviderFailsNamingTheGateway() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.lowagie")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(NoSuchBeanDefinitionException.class)
				.hasMessageContaining(BillingGateway.class.getName());
		});
	}

	@Test
	void withoutJdbcThenStoresInMemory() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.jdbc")).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SubscriptionsController.class);
			assertThat(context.getBean(WebhookEventStore.class)).isInstanceOf(InMemoryWebhookEventStore.class);
		});
	}

	@Test
	void withoutMailThenTheSandboxLogsLoginLinks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.mail", "jakarta.mail"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(PortalPagesController.class);
				assertThat(context.getBean(LoginLinkSender.class)).isInstanceOf(LoggingLoginLinkSender.class);
			});
	}

	// Boot 4's health contract is its own module, which the actuator brings. Boot's own
	// actuator auto-configurations are listed however the class loader filters, so only
	// the portal's run here.
	@Test
	void withoutActuatorThenNoHealthIndicators() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(portalAutoConfigurations()))
			.withPropertyValues("recur.portal.sandbox.seed=classpath:test-seed.json",
					"recur.portal.base-url=https://billing.example.com", "recur.portal.login.enabled=false")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health",
					"org.springframework.boot.actuate"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(SubscriptionsController.class)
					.hasSingleBean(BillingGateway.class)
					.doesNotHaveBean(ProviderHealthIndicator.class);
			});
	}

	private static Class<?>[] portalAutoConfigurations() {
		ClassLoader classLoader = OptionalTechnologyTests.class.getClassLoader();
		return ImportCandidates.load(AutoConfiguration.class, classLoader)
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.recurportal."))
			.map((name) -> ClassUtils.resolveClassName(name, classLoader))
			.toArray(Class<?>[]::new);
	}

}
