package io.recurportal.autoconfigure;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;

import io.recurportal.billing.BillingGateway;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.email.BillingEmailKind;
import io.recurportal.email.BillingEmailSender;
import io.recurportal.email.BillingEmails;
import io.recurportal.session.PortalSessions;
import io.recurportal.snapshot.AccountSnapshots;

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
// In this order: whether emails are sent depends on whether the first made a sender.
@Import({ BillingEmailsConfigurations.MailConfiguration.class, BillingEmailsConfigurations.SendingConfiguration.class,
		BillingEmailsConfigurations.NoSenderConfiguration.class })
public final class RecurPortalEmailsAutoConfiguration {

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
