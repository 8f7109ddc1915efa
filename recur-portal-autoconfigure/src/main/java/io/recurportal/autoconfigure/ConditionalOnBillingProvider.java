package io.recurportal.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

import io.recurportal.autoconfigure.RecurPortalProperties.BillingProviderType;

/**
 * Matches when {@code recur.portal.billing} selects a provider: the one named, or for
 * {@code auto} Stripe when {@code recur.portal.stripe.secret-key} has text and the
 * sandbox otherwise.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnBillingProviderCondition.class)
@interface ConditionalOnBillingProvider {

	/**
	 * The provider that must be selected, {@code STRIPE} or {@code SANDBOX}.
	 * @return the provider
	 */
	BillingProviderType value();

}
