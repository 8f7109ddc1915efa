package io.recurportal.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller outside this package that serves portal pages (a provider's own
 * page, such as the sandbox's checkout), so that its errors are answered as every portal
 * page's are, with the portal's error page.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PortalPage {

}
