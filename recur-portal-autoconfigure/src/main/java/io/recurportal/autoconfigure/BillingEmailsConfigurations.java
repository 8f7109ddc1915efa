package io.recurportal.autoconfigure;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.recurportal.billing.BillingGateway;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.email.BillingEmailSender;
import io.recurportal.email.BillingEmails;
import io.recurportal.email.InMemorySentEmailStore;
import io.recurportal.email.SentEmailStore;
import io.recurportal.session.PortalSessions;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.web.MailBillingEmailSender;

/**
 * The parts of {@link RecurPortalEmailsAutoConfiguration}, imported in order. They are
 * not its member classes because Spring registers member classes in no set order, and
 * the second needs to see the sender the first makes.
 */
final class BillingEmailsConfigurations {

	private static final Log logger = LogFactory.getLog(RecurPortalEmailsAutoConfiguration.class);

	// One sender is plenty for event-driven mail; a burst beyond the queue is dropped, not queued forever.
	private static final int QUEUE = 1_000;

	private BillingEmailsConfigurations() {
	}

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
					RecurPortalEmailsAutoConfiguration.settings(emails, configurations, sessionsProperties), Clock.systemUTC());
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

}
