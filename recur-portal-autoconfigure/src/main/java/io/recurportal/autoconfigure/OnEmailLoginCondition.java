package io.recurportal.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import io.recurportal.autoconfigure.RecurPortalProperties.BillingProviderType;
import io.recurportal.login.LoginLinkSender;

/**
 * Whether email login is on: as {@code recur.portal.login.enabled} says, else only where
 * its links can be delivered (a {@code JavaMailSender} or {@link LoginLinkSender} bean, or
 * the sandbox provider, which logs them), so adding a Stripe key to an application
 * without mail does not stop it from starting.
 */
class OnEmailLoginCondition extends SpringBootCondition implements ConfigurationCondition {

	static final String PROPERTY = "recur.portal.login.enabled";

	private static final String MAIL_SENDER = "org.springframework.mail.javamail.JavaMailSender";

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return outcome(context);
	}

	static ConditionOutcome outcome(ConditionContext context) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Email login");
		Boolean enabled = Binder.get(context.getEnvironment()).bind(PROPERTY, Boolean.class).orElse(null);
		if (enabled != null) {
			ConditionMessage because = message.because(PROPERTY + " is " + enabled);
			return enabled ? ConditionOutcome.match(because) : ConditionOutcome.noMatch(because);
		}
		String delivery = delivery(context);
		return (delivery != null) ? ConditionOutcome.match(message.because(PROPERTY + " is unset and " + delivery))
				: ConditionOutcome.noMatch(message.because(PROPERTY + " is unset and nothing delivers its links"));
	}

	private static @Nullable String delivery(ConditionContext context) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (beanFactory != null) {
			if (ClassUtils.isPresent(MAIL_SENDER, context.getClassLoader()) && beanFactory
				.getBeanNamesForType(ClassUtils.resolveClassName(MAIL_SENDER, context.getClassLoader()), true, false).length > 0) {
				return "a JavaMailSender emails links";
			}
			if (beanFactory.getBeanNamesForType(LoginLinkSender.class, true, false).length > 0) {
				return "a LoginLinkSender sends links";
			}
		}
		return sandboxSelected(context.getEnvironment()) ? "the sandbox provider logs links" : null;
	}

	// As @ConditionalOnBillingProvider decides: a host gateway under auto is told apart at
	// run time, where its BillingProvider says whether links may be logged.
	private static boolean sandboxSelected(Environment environment) {
		BillingProviderType billing = Binder.get(environment)
			.bind("recur.portal.billing", BillingProviderType.class)
			.orElse(BillingProviderType.AUTO);
		if (billing == BillingProviderType.AUTO) {
			return !StringUtils.hasText(environment.getProperty("recur.portal.stripe.secret-key"));
		}
		return "sandbox".equals(billing.name().toLowerCase(Locale.ROOT));
	}

	/**
	 * The opposite, when email login stays off only because nothing delivers its links:
	 * the start-up then says how to turn it on.
	 */
	static final class OffByDefault extends SpringBootCondition implements ConfigurationCondition {

		@Override
		public ConfigurationPhase getConfigurationPhase() {
			return ConfigurationPhase.REGISTER_BEAN;
		}

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (context.getEnvironment().getProperty(PROPERTY) != null) {
				return ConditionOutcome.noMatch(ConditionMessage.forCondition("Email login off by default")
					.because(PROPERTY + " is set"));
			}
			ConditionOutcome outcome = outcome(context);
			return new ConditionOutcome(!outcome.isMatch(), outcome.getConditionMessage());
		}

	}

}
