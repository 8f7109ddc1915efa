package io.recurportal.autoconfigure;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.recurportal.billing.sandbox.autoconfigure.SandboxBillingAutoConfiguration;
import io.recurportal.billing.stripe.autoconfigure.StripeBillingAutoConfiguration;
import io.recurportal.email.BillingEmailKind;
import io.recurportal.email.BillingEmailSender;
import io.recurportal.email.BillingEmails;
import io.recurportal.email.InMemorySentEmailStore;
import io.recurportal.email.JdbcSentEmailStore;
import io.recurportal.email.SentEmailStore;
import io.recurportal.web.MailBillingEmailSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When billing emails are sent, through what, and what start-up says when they cannot be.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecurPortalEmailsAutoConfigurationTests {

	private static final String OFF_LINE = "recur-portal: billing emails to customers are off";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StripeBillingAutoConfiguration.class,
				SandboxBillingAutoConfiguration.class, RecurPortalBillingAutoConfiguration.class,
				RecurPortalAutoConfiguration.class, MailSenderAutoConfiguration.class,
				RecurPortalEmailsAutoConfiguration.class))
		.withPropertyValues("recur.portal.billing=sandbox");

	private final ApplicationContextRunner withMail = this.contextRunner.withPropertyValues(
			"spring.mail.host=127.0.0.1", "recur.portal.emails.from=Inbox Manager <billing@example.com>");

	@Test
	void withMailSenderAndSenderAddressThenEmailsAreSentThroughIt(CapturedOutput output) {
		this.withMail.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(BillingEmails.class);
			assertThat(context).getBean(BillingEmailSender.class).isInstanceOf(MailBillingEmailSender.class);
			assertThat(context).getBean(SentEmailStore.class).isInstanceOf(InMemorySentEmailStore.class);
			BillingEmails.Settings settings = settings(context.getBean(RecurPortalEmailsProperties.class),
					context.getBean(io.recurportal.configuration.PortalConfigurations.class));
			assertThat(settings.kinds()).containsExactlyInAnyOrder(BillingEmailKind.values());
			assertThat(settings.configuration().id()).isEqualTo("full");
			assertThat(settings.defaultLocale()).isEqualTo(Locale.ENGLISH);
			assertThat(settings.linkTtl()).isEqualTo(Duration.ofHours(24));
		});
		assertThat(output).doesNotContain(OFF_LINE);
	}

	@Test
	void withoutMailSenderThenNoneSentAndOneInfoLineSaysHowToTurnThemOn(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(BillingEmails.class)
				.doesNotHaveBean(BillingEmailSender.class);
		});
		assertThat(output.getOut().split(OFF_LINE, -1)).hasSize(2);
		assertThat(output).contains("spring-boot-starter-mail", "spring.mail.host", "recur.portal.emails.from",
				"recur.portal.emails.enabled=false");
	}

	@Test
	void withoutMailClassesThenNoneSentAndTheInfoLine(CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.mail"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BillingEmails.class));
		assertThat(output).contains(OFF_LINE);
	}

	@Test
	void withMailSenderButNoSenderAddressThenNoneSentAndTheInfoLine(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.mail.host=127.0.0.1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BillingEmails.class));
		assertThat(output).contains(OFF_LINE);
	}

	@Test
	void withoutOwnSenderAddressThenTheLoginOne() {
		this.contextRunner
			.withPropertyValues("spring.mail.host=127.0.0.1", "recur.portal.login.from=billing@example.com")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(BillingEmails.class)
				.hasSingleBean(MailBillingEmailSender.class));
	}

	@Test
	void switchedOffThenNothingAndNoInfoLine(CapturedOutput output) {
		this.withMail.withPropertyValues("recur.portal.emails.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BillingEmails.class)
				.doesNotHaveBean(BillingEmailSender.class)
				.doesNotHaveBean(SentEmailStore.class));
		this.contextRunner.withPropertyValues("recur.portal.emails.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(OFF_LINE);
	}

	@Test
	void portalSwitchedOffThenNothing() {
		this.withMail.withPropertyValues("recur.portal.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BillingEmails.class));
	}

	@Test
	void kindsSwitchedOffThenLeftOut() {
		this.withMail
			.withPropertyValues("recur.portal.emails.payment-method-added.enabled=false",
					"recur.portal.emails.plan-changed.enabled=false", "recur.portal.emails.configuration=invoices",
					"recur.portal.emails.default-locale=zh-TW", "recur.portal.emails.link-ttl=2h")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				BillingEmails.Settings settings = settings(context.getBean(RecurPortalEmailsProperties.class),
						context.getBean(io.recurportal.configuration.PortalConfigurations.class));
				assertThat(settings.kinds()).isEqualTo(EnumSet.complementOf(
						EnumSet.of(BillingEmailKind.PAYMENT_METHOD_ADDED, BillingEmailKind.PLAN_CHANGED)));
				assertThat(settings.configuration().id()).isEqualTo("invoices");
				assertThat(settings.defaultLocale()).isEqualTo(Locale.forLanguageTag("zh-TW"));
				assertThat(settings.linkTtl()).isEqualTo(Duration.ofHours(2));
			});
	}

	@Test
	void hostSenderWithoutMailThenItIsUsed(CapturedOutput output) {
		BillingEmailSender own = (email) -> {
		};
		this.contextRunner.withBean(BillingEmailSender.class, () -> own).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(BillingEmails.class);
			assertThat(context).getBean(BillingEmailSender.class).isSameAs(own);
		});
		assertThat(output).doesNotContain(OFF_LINE);
	}

	@Test
	void hostStoreThenItIsUsed() {
		SentEmailStore own = new InMemorySentEmailStore(5);
		this.withMail.withBean(SentEmailStore.class, () -> own)
			.run((context) -> assertThat(context).getBean(SentEmailStore.class).isSameAs(own));
	}

	@Test
	void withDataSourceThenSentEmailsAreInTheDatabase() {
		this.withMail
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, RecurPortalJdbcAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(BillingEmails.class);
				assertThat(context).getBean(SentEmailStore.class).isInstanceOf(JdbcSentEmailStore.class);
			});
	}

	@Test
	void unknownDefaultLocaleThenStartupFailsNamingTheProperty() {
		assertFailsNaming("recur.portal.emails.default-locale=fr", "recur.portal.emails.default-locale");
		assertFailsNaming("recur.portal.emails.default-locale=zh", "recur.portal.emails.default-locale");
	}

	@Test
	void unknownConfigurationThenStartupFailsNamingTheProperty() {
		assertFailsNaming("recur.portal.emails.configuration=nope", "recur.portal.emails.configuration");
	}

	@Test
	void linkLongerThanADayThenStartupFailsNamingTheProperty() {
		assertFailsNaming("recur.portal.emails.link-ttl=25h", "recur.portal.emails.link-ttl");
		assertFailsNaming("recur.portal.emails.retention=0s", "recur.portal.emails.retention");
	}

	private void assertFailsNaming(String property, String name) {
		this.withMail.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(name);
		});
	}

	private static BillingEmails.Settings settings(RecurPortalEmailsProperties emails,
			io.recurportal.configuration.PortalConfigurations configurations) {
		RecurPortalSessionsProperties sessions = new RecurPortalSessionsProperties();
		return RecurPortalEmailsAutoConfiguration.settings(emails, configurations, sessions);
	}

}
