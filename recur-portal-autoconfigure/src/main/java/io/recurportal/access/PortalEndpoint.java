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

}
