package io.recurportal.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when billing emails have a sender address: {@code recur.portal.emails.from},
 * or else {@code recur.portal.login.from}. A host whose mail sender serves only its own
 * emails has neither, and keeps starting as before.
 */
final class OnBillingEmailSenderAddressCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("recur-portal billing email sender address");
		String from = senderAddress(context.getEnvironment());
		return (from != null) ? ConditionOutcome.match(message.because("a sender address is set"))
				: ConditionOutcome.noMatch(message.because("neither recur.portal.emails.from nor "
						+ "recur.portal.login.from is set"));
	}

	static @Nullable String senderAddress(Environment environment) {
		String from = environment.getProperty("recur.portal.emails.from");
		if (!StringUtils.hasText(from)) {
			from = environment.getProperty("recur.portal.login.from");
		}
		return StringUtils.hasText(from) ? from.trim() : null;
	}

}
