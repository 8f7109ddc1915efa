package io.recurportal.autoconfigure;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.recurportal.autoconfigure.RecurPortalProperties.BillingProviderType;

/**
 * The condition behind {@link ConditionalOnBillingProvider}.
 */
final class OnBillingProviderCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnBillingProvider.class.getName());
		Assert.state(attributes != null, "No @ConditionalOnBillingProvider");
		BillingProviderType required = (BillingProviderType) attributes.get("value");
		BillingProviderType selected = selected(context.getEnvironment());
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnBillingProvider.class,
				required.name().toLowerCase(Locale.ROOT));
		return (selected == required) ? ConditionOutcome.match(message.because("selected provider is " + selected))
				: ConditionOutcome.noMatch(message.because("selected provider is " + selected));
	}

	static BillingProviderType selected(Environment environment) {
		// The binder converts 'stripe' leniently, as @ConfigurationProperties will.
		BillingProviderType configured = Binder.get(environment)
			.bind("recur.portal.billing", BillingProviderType.class)
			.orElse(BillingProviderType.AUTO);
		if (configured != BillingProviderType.AUTO) {
			return configured;
		}
		return StringUtils.hasText(environment.getProperty("recur.portal.stripe.secret-key"))
				? BillingProviderType.STRIPE : BillingProviderType.SANDBOX;
	}

}
