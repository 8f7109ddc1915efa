package io.recurportal.autoconfigure;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.StringUtils;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingProvider;
import io.recurportal.login.EmailLogin;
import io.recurportal.login.InMemoryLoginRateLimiter;
import io.recurportal.login.LoggingLoginLinkSender;
import io.recurportal.login.LoginLinkSender;
import io.recurportal.login.LoginRateLimiter;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.PortalSessions;
import io.recurportal.web.MailLoginLinkSender;
import io.recurportal.web.PortalLoginConfiguration;

/**
 * Auto-configuration of signing in by email on {@code /portal/login}. Unless
 * {@code recur.portal.login.enabled} says otherwise, it is on only where its links can be
 * delivered: through the host's {@code JavaMailSender} or its own {@link LoginLinkSender},
 * or logged by the sandbox provider; elsewhere it stays off and start-up says how to turn
 * it on. Turned on explicitly without a way to deliver links, start-up fails rather than
 * leave customers waiting for emails that never come. Links are on
 * {@code recur.portal.base-url}; without it, only the sandbox starts (its links are on its
 * own loopback address).
 */
@AutoConfiguration(after = { RecurPortalAutoConfiguration.class, RecurPortalPagesAutoConfiguration.class },
		afterName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ RecurPortalLoginProperties.class, RecurPortalSessionsProperties.class })
public final class RecurPortalLoginAutoConfiguration {

	// Lookups and emails are quick; a burst beyond this queue is dropped, not queued forever.
	private static final int DELIVERY_THREADS = 2;

	private static final int DELIVERY_QUEUE = 1_000;

	private static final Log logger = LogFactory.getLog(RecurPortalLoginAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnEmailLoginCondition.class)
	@Import(PortalLoginConfiguration.class)
	static class EmailLoginConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LoginRateLimiter loginRateLimiter() {
			return new InMemoryLoginRateLimiter();
		}

		@Bean
		@ConditionalOnMissingBean
		EmailLogin recurPortalEmailLogin(BillingGateway billingGateway, PortalSessions sessions,
				LoginRateLimiter limiter, LoginLinkSender sender, RecurPortalLoginProperties login,
				RecurPortalSessionsProperties sessionsProperties, PortalLinks links,
				ObjectProvider<BillingProvider> provider) {
			if (!links.isAbsolute() && !isLocalDevelopment(provider)) {
				// Emailed links need an origin, and the request's Host is never one: it is the client's to forge.
				throw new MissingBaseUrlException("email login (/portal/login)");
			}
			if (login.getLinkTtl().isNegative() || login.getLinkTtl().isZero()
					|| login.getLinkTtl().compareTo(PortalSessions.MAX_LINK_LIFETIME) > 0) {
				throw new PortalSettingException("recur.portal.login.link-ttl", login.getLinkTtl(),
						"a login link must be usable for some time, and at most 24 hours",
						"Write a duration up to 24 hours, like recur.portal.login.link-ttl=15m.");
			}
			ThreadPoolExecutor executor = new ThreadPoolExecutor(DELIVERY_THREADS, DELIVERY_THREADS, 0,
					TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(DELIVERY_QUEUE),
					new CustomizableThreadFactory("recur-portal-login-"));
			return new EmailLogin(billingGateway, sessions, limiter, sender, executor,
					new EmailLogin.Limits(login.getLinkTtl(), login.getMaxPerEmail(), login.getMaxPerAddress(),
							login.getWindow()),
					sessionsProperties.getDefaultConfiguration(), Clock.systemUTC());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.mail.javamail.JavaMailSender")
		@ConditionalOnBean(type = "org.springframework.mail.javamail.JavaMailSender")
		static class MailConfiguration {

			@Bean
			@ConditionalOnMissingBean
			LoginLinkSender recurPortalMailLoginLinkSender(JavaMailSender mailSender,
					RecurPortalLoginProperties login) {
				String from = login.getFrom();
				if (!StringUtils.hasText(from)) {
					throw new PortalSettingException("recur.portal.login.from", from,
							"login emails need a sender address",
							"Set recur.portal.login.from to the address login emails come from, like "
									+ "'Billing <billing@example.com>', or turn email login off with "
									+ "recur.portal.login.enabled=false.");
				}
				return new MailLoginLinkSender(mailSender, from);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingBean(type = "org.springframework.mail.javamail.JavaMailSender")
		static class NoMailConfiguration {

			@Bean
			@ConditionalOnMissingBean
			LoginLinkSender recurPortalLoggingLoginLinkSender(ObjectProvider<BillingProvider> provider,
					RecurPortalLoginProperties login) {
				if (isLocalDevelopment(provider)) {
					return new LoggingLoginLinkSender();
				}
				throw new PortalSettingException(OnEmailLoginCondition.PROPERTY, login.getEnabled(),
						"email login (/portal/login) needs a mail sender, and there is no JavaMailSender bean "
								+ "(only a local development provider, the sandbox, logs login links instead)",
						"Add spring-boot-starter-mail and set spring.mail.host and recur.portal.login.from, or "
								+ "turn email login off with recur.portal.login.enabled=false.");
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnEmailLoginCondition.OffByDefault.class)
	static class EmailLoginOffConfiguration {

		@Bean
		SmartInitializingSingleton recurPortalEmailLoginOffNotice() {
			return () -> logger.info("recur-portal: email login (/portal/login) is off: nothing delivers its links. "
					+ "To turn it on, add spring-boot-starter-mail with spring.mail.host and "
					+ "recur.portal.login.from (and recur.portal.base-url), then set recur.portal.login.enabled=true.");
		}

	}

	// A local development provider reaches no real customer: its links may be logged and relative.
	private static boolean isLocalDevelopment(ObjectProvider<BillingProvider> provider) {
		return provider.getIfAvailable(BillingProvider::unknown).has(BillingProvider.Capability.LOCAL_DEVELOPMENT);
	}

}
