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
		String provider = (String) attributes.get("value");
		String[] autoWhen = (String[]) attributes.get("autoWhen");
		String[] autoUnless = (String[]) attributes.get("autoUnless");
		Environment environment = context.getEnvironment();
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnBillingProvider.class, provider);
		// The binder converts 'stripe' leniently, as @ConfigurationProperties will.
		BillingProviderType configured = Binder.get(environment)
			.bind("recur.portal.billing", BillingProviderType.class)
			.orElse(BillingProviderType.AUTO);
		if (configured != BillingProviderType.AUTO) {
			String selected = configured.name().toLowerCase(Locale.ROOT);
			ConditionMessage because = message.because("selected provider is " + selected);
			return selected.equals(provider) ? ConditionOutcome.match(because) : ConditionOutcome.noMatch(because);
		}
		for (String property : autoUnless) {
			if (StringUtils.hasText(environment.getProperty(property))) {
				return ConditionOutcome
					.noMatch(message.because("billing provider is auto and " + property + " selects another"));
			}
		}
		if (autoWhen.length == 0) {
			return ConditionOutcome.match(message.because("it is the fallback when the billing provider is auto"));
		}
		for (String property : autoWhen) {
			if (StringUtils.hasText(environment.getProperty(property))) {
				return ConditionOutcome.match(message.because("billing provider is auto and " + property + " is set"));
			}
		}
		return ConditionOutcome.noMatch(
				message.because("billing provider is auto and none of " + String.join(", ", autoWhen) + " is set"));
	}

}
