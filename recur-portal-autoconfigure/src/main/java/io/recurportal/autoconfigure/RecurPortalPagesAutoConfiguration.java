package io.recurportal.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;

import io.recurportal.audit.AuditedActions;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingProvider;
import io.recurportal.customer.EmailChangeLinkSender;
import io.recurportal.customer.EmailChangeStore;
import io.recurportal.customer.EmailChanges;
import io.recurportal.customer.LoggingEmailChangeLinkSender;
import io.recurportal.login.InMemoryLoginRateLimiter;
import io.recurportal.login.LoginRateLimiter;
import io.recurportal.session.PortalLinks;
import io.recurportal.web.MailEmailChangeLinkSender;
import io.recurportal.web.PortalPagesConfiguration;

/**
 * Auto-configuration of the hosted portal pages under {@code /portal}.
 */
@AutoConfiguration(after = RecurPortalAutoConfiguration.class,
		afterName = { "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
				"org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RecurPortalLoginProperties.class)
@Import(PortalPagesConfiguration.class)
public final class RecurPortalPagesAutoConfiguration {

	/**
	 * Billing email changes wait for the new address to confirm. Links go out by mail;
	 * with a local development provider (the sandbox) and no mail sender they are
	 * logged; with neither, the email cannot be changed in the portal (the other profile
	 * fields still can).
	 */
	@Bean
	EmailChanges recurPortalEmailChanges(BillingGateway billingGateway, EmailChangeStore store,
			ObjectProvider<EmailChangeLinkSender> senders, AuditedActions auditedActions, PortalLinks links,
			ObjectProvider<BillingProvider> provider, ObjectProvider<LoginRateLimiter> limiters,
			RecurPortalLoginProperties login) {
		EmailChangeLinkSender sender = senders.getIfUnique();
		BillingProvider billingProvider = provider.getIfAvailable(BillingProvider::unknown);
		if (sender == null && billingProvider.has(BillingProvider.Capability.LOCAL_DEVELOPMENT)) {
			sender = new LoggingEmailChangeLinkSender();
		}
		// Limited as login links are, in the same store, so the limit holds across instances.
		return new EmailChanges(billingGateway, store, sender, links, auditedActions, Clock.systemUTC(),
				limiters.getIfAvailable(InMemoryLoginRateLimiter::new), login.getMaxPerEmail(), login.getWindow());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.mail.javamail.JavaMailSender")
	@ConditionalOnBean(type = "org.springframework.mail.javamail.JavaMailSender")
	@ConditionalOnProperty(name = "recur.portal.login.from")
	static class EmailChangeMailConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EmailChangeLinkSender recurPortalMailEmailChangeLinkSender(JavaMailSender mailSender,
				RecurPortalLoginProperties login) {
			return new MailEmailChangeLinkSender(mailSender, login.getFrom());
		}

	}

}
