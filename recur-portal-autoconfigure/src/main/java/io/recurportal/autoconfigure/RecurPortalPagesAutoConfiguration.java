package io.recurportal.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

import io.recurportal.web.PortalPagesConfiguration;

/**
 * Auto-configuration of the hosted portal pages under {@code /portal}.
 */
@AutoConfiguration(after = RecurPortalAutoConfiguration.class,
		afterName = "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@Import(PortalPagesConfiguration.class)
public final class RecurPortalPagesAutoConfiguration {

}
