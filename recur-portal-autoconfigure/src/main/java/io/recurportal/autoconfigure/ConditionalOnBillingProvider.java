package io.recurportal.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code recur.portal.billing} selects a provider: the one named, or, for
 * {@code auto}, a provider one of whose {@link #autoWhen() properties} has text, or a
 * provider that names none (the fallback) while none of its {@link #autoUnless()
 * properties} has text. Each provider's auto-configuration says how it is selected.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnBillingProviderCondition.class)
public @interface ConditionalOnBillingProvider {

	/**
	 * The provider's name, as {@code recur.portal.billing} selects it: {@code stripe}
	 * for example.
	 * @return the name
	 */
	String value();

	/**
	 * The properties that select this provider under {@code recur.portal.billing=auto}
	 * when one of them has text; none makes it selected under {@code auto} always.
	 * @return the properties
	 */
	String[] autoWhen() default {};

	/**
	 * For a provider with no {@link #autoWhen()}: the properties that, when one has
	 * text, select another provider under {@code auto}, so that this one stays out even
	 * when that provider cannot start (its library missing, say) rather than stand in
	 * for it.
	 * @return the properties
	 */
	String[] autoUnless() default {};

}
