package io.recurportal.autoconfigure;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.StringUtils;

import io.recurportal.billing.BillingGateway;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.email.BillingEmailKind;
import io.recurportal.email.BillingEmailSender;
import io.recurportal.email.BillingEmails;
import io.recurportal.email.InMemorySentEmailStore;
import io.recurportal.email.SentEmailStore;
import io.recurportal.session.PortalSessions;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.web.MailBillingEmailSender;

/**
 * Auto-configuration of the billing emails sent to customers when the portal publishes
 * a billing event. They go out through the host's {@code JavaMailSender} from
 * {@code recur.portal.emails.from} (or {@code recur.portal.login.from}), or through a
 * {@link BillingEmailSender} bean of the host's; without either, none are sent and one
 * INFO line at start-up says how to turn them on.
 */
@AutoConfiguration(after = { RecurPortalAutoConfiguration.class, RecurPortalJdbcAutoConfiguration.class },
		afterName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
@ConditionalOnBooleanProperty(name = { "recur.portal.enabled", "recur.portal.emails.enabled" }, matchIfMissing = true)
@ConditionalOnBean({ BillingGateway.class, PortalSessions.class, AccountSnapshots.class,
		PortalConfigurations.class })
@EnableConfigurationProperties({ RecurPortalEmailsProperties.class, RecurPortalSessionsProperties.class })
@Import({ RecurPortalEmailsAutoConfiguration.MailConfiguration.class,
		RecurPortalEmailsAutoConfiguration.SendingConfiguration.class,
		RecurPortalEmailsAutoConfiguration.NoSenderConfiguration.class })
public final class RecurPortalEmailsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(RecurPortalEmailsAutoConfiguration.class);

	// One sender is plenty for event-driven mail; a burst beyond the queue is dropped, not queued forever.
	private static final int QUEUE = 1_000;

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.mail.javamail.JavaMailSender")
	@ConditionalOnBean(type = "org.springframework.mail.javamail.JavaMailSender")
	@Conditional(OnBillingEmailSenderAddressCondition.class)
	static class MailConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BillingEmailSender recurPortalMailBillingEmailSender(JavaMailSender mailSender, Environment environment) {
			return new MailBillingEmailSender(mailSender,
					OnBillingEmailSenderAddressCondition.senderAddress(environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(BillingEmailSender.class)
	static class SendingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SentEmailStore recurPortalSentEmailStore() {
			return new InMemorySentEmailStore();
		}

		@Bean
		@ConditionalOnMissingBean
		BillingEmails recurPortalBillingEmails(BillingGateway gateway, AccountSnapshots snapshots,
				PortalSessions sessions, SentEmailStore store, BillingEmailSender sender,
				PortalConfigurations configurations, RecurPortalEmailsProperties emails,
				RecurPortalSessionsProperties sessionsProperties) {
			ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
					new ArrayBlockingQueue<>(QUEUE), new CustomizableThreadFactory("recur-portal-mail-"));
			return new BillingEmails(gateway, snapshots, sessions, store, sender, executor,
					settings(emails, configurations, sessionsProperties), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(BillingEmailSender.class)
	static class NoSenderConfiguration {

		@Bean
		SmartInitializingSingleton recurPortalBillingEmailsOff() {
			return () -> logger.info("recur-portal: billing emails to customers are off: they need a "
					+ "JavaMailSender and a sender address. To send them, add spring-boot-starter-mail and set "
					+ "spring.mail.host and recur.portal.emails.from; recur.portal.emails.enabled=false silences "
					+ "this line.");
		}

	}

	static BillingEmails.Settings settings(RecurPortalEmailsProperties emails, PortalConfigurations configurations,
			RecurPortalSessionsProperties sessions) {
		Set<BillingEmailKind> kinds = EnumSet.noneOf(BillingEmailKind.class);
		addIf(kinds, emails.getReactivated(), BillingEmailKind.SUBSCRIPTION_REACTIVATED);
		addIf(kinds, emails.getPaymentFailed(), BillingEmailKind.PAYMENT_FAILED);
		addIf(kinds, emails.getPaymentMethodAdded(), BillingEmailKind.PAYMENT_METHOD_ADDED);
		addIf(kinds, emails.getCanceled(), BillingEmailKind.SUBSCRIPTION_CANCELED);
		addIf(kinds, emails.getCancelScheduled(), BillingEmailKind.SUBSCRIPTION_CANCEL_SCHEDULED);
		addIf(kinds, emails.getPlanChanged(), BillingEmailKind.PLAN_CHANGED);
		String configurationId = StringUtils.hasText(emails.getConfiguration()) ? emails.getConfiguration()
				: sessions.getDefaultConfiguration();
		PortalConfiguration configuration = configurations.find(configurationId)
			.orElseThrow(() -> new InvalidConfigurationPropertyValueException("recur.portal.emails.configuration",
					configurationId, "There is no portal configuration of that name (recur.portal.configurations)."));
		String locale = PortalSessions.supportedLocale(emails.getDefaultLocale())
			.filter((supported) -> supported.equalsIgnoreCase(emails.getDefaultLocale().replace('_', '-')))
			.orElseThrow(() -> new InvalidConfigurationPropertyValueException("recur.portal.emails.default-locale",
					emails.getDefaultLocale(), "The portal speaks " + String.join(", ", PortalSessions.LOCALES) + "."));
		if (emails.getLinkTtl().isNegative() || emails.getLinkTtl().isZero()
				|| emails.getLinkTtl().compareTo(PortalSessions.MAX_LINK_LIFETIME) > 0) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.emails.link-ttl", emails.getLinkTtl(),
					"A portal link may be valid for at most 24 hours.");
		}
		if (emails.getRetention().isNegative() || emails.getRetention().isZero()) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.emails.retention",
					emails.getRetention(), "Sent emails must be remembered for a positive time.");
		}
		return new BillingEmails.Settings(kinds, configuration, Locale.forLanguageTag(locale), emails.getLinkTtl(),
				emails.getRetention());
	}

	private static void addIf(Set<BillingEmailKind> kinds, RecurPortalEmailsProperties.Kind kind,
			BillingEmailKind value) {
		if (kind.isEnabled()) {
			kinds.add(value);
		}
	}

}
