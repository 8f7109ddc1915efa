package io.recurportal.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the action a portal handler method performs. The portal enforces the
 * action's feature and owner rules before the method runs; the method itself checks
 * nothing.
 * <p>
 * Every handler under the portal's paths declares its rule: this annotation, or
 * {@link Public} for the few that are open on purpose. A handler there that declares
 * neither is refused ({@link PortalEndpointInterceptor}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PortalEndpoint {

	/**
	 * The action the handler performs.
	 * @return the action
	 */
	PortalAction value();

	/**
	 * Declares a handler under the portal's paths open to any caller on purpose, and
	 * why: what authenticates the request instead, or why nothing needs to.
	 */
	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface Public {

		/**
		 * Why the handler needs no portal access rule.
		 * @return the reason
		 */
		String value();

	}

}
