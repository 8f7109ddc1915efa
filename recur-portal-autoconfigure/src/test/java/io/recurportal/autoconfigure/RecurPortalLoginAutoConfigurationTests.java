package io.recurportal.autoconfigure;

import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.StringUtils;

import io.recurportal.billing.stripe.autoconfigure.StripeBillingAutoConfiguration;
import io.recurportal.billing.sandbox.autoconfigure.SandboxBillingAutoConfiguration;
import io.recurportal.login.EmailLogin;
import io.recurportal.session.PortalLinks;
import io.recurportal.login.InMemoryLoginRateLimiter;
import io.recurportal.login.LoggingLoginLinkSender;
import io.recurportal.login.LoginLinkSender;
import io.recurportal.login.LoginRateLimiter;
import io.recurportal.web.MailLoginLinkSender;
import io.recurportal.web.PortalLoginController;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RecurPortalLoginAutoConfigurationTests {

	private static final String SECRET_KEY = "sk_test_51LoginAutoConfigurationKey";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StripeBillingAutoConfiguration.class,
				SandboxBillingAutoConfiguration.class, RecurPortalBillingAutoConfiguration.class,
				RecurPortalAutoConfiguration.class, ThymeleafAutoConfiguration.class,
				RecurPortalPagesAutoConfiguration.class, MailSenderAutoConfiguration.class,
				RecurPortalLoginAutoConfiguration.class));

	@Test
	void withMailSenderThenLinksAreEmailed() {
		this.contextRunner
			.withPropertyValues("recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + SECRET_KEY,
					"spring.mail.host=127.0.0.1", "recur.portal.login.from=billing@example.com",
					"recur.portal.base-url=https://billing.example.com")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(PortalLoginController.class)
					.hasSingleBean(EmailLogin.class);
				assertThat(context).getBean(LoginLinkSender.class).isInstanceOf(MailLoginLinkSender.class);
				assertThat(context).getBean(LoginRateLimiter.class).isInstanceOf(InMemoryLoginRateLimiter.class);
			});
	}

	@Test
	void withoutBaseUrlOnStripeThenStartupFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + SECRET_KEY,
					"spring.mail.host=127.0.0.1", "recur.portal.login.from=billing@example.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MissingBaseUrlException.class)
					.hasMessageContaining("recur.portal.base-url");
				FailureAnalysis analysis = new MissingBaseUrlFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("recur.portal.base-url", "email login", "Host");
				assertThat(analysis.getAction()).contains("recur.portal.base-url=https://",
						"recur.portal.login.enabled=false");
			});
	}

	@Test
	void missingBaseUrlAnalyzerIsRegistered() throws Exception {
		List<String> analyzers = new ArrayList<>();
		Enumeration<URL> files = getClass().getClassLoader()
			.getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION);
		while (files.hasMoreElements()) {
			Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(files.nextElement()));
			analyzers.addAll(StringUtils
				.commaDelimitedListToSet(factories.getProperty(FailureAnalyzer.class.getName(), "")));
		}
		assertThat(analyzers).contains(MissingBaseUrlFailureAnalyzer.class.getName(),
				PortalSettingFailureAnalyzer.class.getName());
	}

	@Test
	void malformedBaseUrlIsRefusedAtStartup() {
		this.contextRunner
			.withPropertyValues("recur.portal.billing=sandbox", "recur.portal.base-url=billing.example.com/portal")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("recur.portal.base-url"));
	}

	@Test
	void withoutBaseUrlOnSandboxThenLinksAreOnItsLoopbackPort() {
		this.contextRunner.withPropertyValues("recur.portal.billing=sandbox", "local.server.port=49152")
			.run((context) -> assertThat(context.getBean(PortalLinks.class).sessionUrl("t"))
				.isEqualTo("http://localhost:49152/portal/s/t"));
	}

	@Test
	void withoutBaseUrlOnSandboxBoundToALoopbackAddressThenLinksAreOnIt() {
		this.contextRunner
			.withPropertyValues("recur.portal.billing=sandbox", "local.server.port=49152", "server.address=127.0.0.1",
					"server.servlet.context-path=/shop")
			.run((context) -> assertThat(context.getBean(PortalLinks.class).sessionUrl("t"))
				.isEqualTo("http://127.0.0.1:49152/shop/portal/s/t"));
	}

	@Test
	void withMailSenderButNoFromAddressThenStartupFailsClearly() {
		this.contextRunner.withPropertyValues("recur.portal.billing=sandbox", "spring.mail.host=127.0.0.1")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new PortalSettingFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("recur.portal.login.from unset", "sender address");
				assertThat(analysis.getAction()).contains("recur.portal.login.from", "billing@example.com",
						"recur.portal.login.enabled=false");
			});
	}

	@Test
	void withoutMailSenderOnSandboxThenLinksAreLogged() {
		this.contextRunner.withPropertyValues("recur.portal.billing=sandbox").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(PortalLoginController.class);
			assertThat(context).getBean(LoginLinkSender.class).isInstanceOf(LoggingLoginLinkSender.class);
		});
	}

	@Test
	void withoutMailClassesOnSandboxThenLinksAreLogged() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.mail"))
			.withPropertyValues("recur.portal.billing=sandbox")
			.run((context) -> assertThat(context).getBean(LoginLinkSender.class)
				.isInstanceOf(LoggingLoginLinkSender.class));
	}

	@Test
	void withoutMailSenderOnStripeThenLoginStaysOffAndStartupSaysHowToTurnItOn(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PortalLoginController.class)
				.doesNotHaveBean(EmailLogin.class)
				.doesNotHaveBean(LoginLinkSender.class));
		assertThat(output).containsOnlyOnce("email login (/portal/login) is off")
			.contains("recur.portal.login.enabled=true")
			.doesNotContain(SECRET_KEY);
	}

	@Test
	void withStripeKeyUnderAutoAndNoMailThenTheApplicationStarts() {
		this.contextRunner.withPropertyValues("recur.portal.stripe.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PortalLoginController.class));
	}

	@Test
	void withoutMailSenderOnSandboxThenLoginIsOnWithoutNotice(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(PortalLoginController.class));
		assertThat(output).doesNotContain("email login (/portal/login) is off");
	}

	@Test
	void withHostLoginLinkSenderOnStripeThenLoginIsOn() {
		LoginLinkSender sender = (link) -> {
		};
		this.contextRunner.withBean(LoginLinkSender.class, () -> sender)
			.withPropertyValues("recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + SECRET_KEY,
					"recur.portal.base-url=https://billing.example.com")
			.run((context) -> assertThat(context).hasSingleBean(PortalLoginController.class)
				.getBean(LoginLinkSender.class)
				.isSameAs(sender));
	}

	@Test
	void withMailSenderOnStripeThenLoginIsOnByItself() {
		this.contextRunner
			.withPropertyValues("recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + SECRET_KEY,
					"spring.mail.host=127.0.0.1", "recur.portal.login.from=billing@example.com",
					"recur.portal.base-url=https://billing.example.com")
			.run((context) -> assertThat(context).hasSingleBean(PortalLoginController.class));
	}

	@Test
	void whenLoginRequiredWithoutMailSenderOnStripeThenStartupFailsThroughTheAnalyzer(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + SECRET_KEY,
					"recur.portal.login.enabled=true", "recur.portal.base-url=https://billing.example.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new PortalSettingFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("recur.portal.login.enabled = 'true'",
						"needs a mail sender");
				assertThat(analysis.getAction()).contains("spring-boot-starter-mail", "spring.mail.host",
						"recur.portal.login.from", "recur.portal.login.enabled=false");
			});
		assertThat(output).doesNotContain(SECRET_KEY);
	}

	@Test
	void whenLoginDisabledThenNoLoginPageEvenWithoutMailOnStripe() {
		this.contextRunner
			.withPropertyValues("recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + SECRET_KEY,
					"recur.portal.login.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PortalLoginController.class)
				.doesNotHaveBean(EmailLogin.class)
				.doesNotHaveBean(LoginLinkSender.class));
	}

	@Test
	void whenLinkLifetimeIsOverADayThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner.withPropertyValues("recur.portal.billing=sandbox", "recur.portal.login.link-ttl=2d")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new PortalSettingFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("recur.portal.login.link-ttl = 'PT48H'", "24 hours");
				assertThat(analysis.getAction()).contains("recur.portal.login.link-ttl=15m");
			});
	}

	@Test
	void whenHostHasItsOwnRateLimiterThenItIsUsed() {
		LoginRateLimiter shared = (key, limit, window, now) -> true;
		this.contextRunner.withBean(LoginRateLimiter.class, () -> shared)
			.withPropertyValues("recur.portal.billing=sandbox")
			.run((context) -> assertThat(context).getBean(LoginRateLimiter.class).isSameAs(shared));
	}

}
