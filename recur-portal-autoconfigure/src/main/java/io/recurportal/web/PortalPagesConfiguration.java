package io.recurportal.web;

import java.nio.charset.StandardCharsets;

import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.recurportal.access.PortalAccessPolicy;
import io.recurportal.activity.BillingActivity;
import io.recurportal.billing.BillingGateway;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.customer.CustomerProfiles;
import io.recurportal.customer.EmailChanges;
import io.recurportal.customer.PaymentMethodUpdates;
import io.recurportal.customer.SavedPaymentMethods;
import io.recurportal.invoice.AccountInvoices;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.PortalSessions;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionCheckout;
import io.recurportal.subscription.SubscriptionLifecycle;

/**
 * The portal pages' beans, imported by the starter's auto-configuration. Its own
 * template resolver serves only {@code recur-portal/*} views from the jar, so the host's
 * Thymeleaf settings neither break nor see the portal's templates.
 */
@Configuration(proxyBeanMethods = false)
public class PortalPagesConfiguration {

	@Bean
	PortalPageContext recurPortalPageContext(PortalAccessPolicy policy, PortalConfigurations configurations,
			@Value("${recur.portal.web.path:/portal}") String portalPath) {
		return new PortalPageContext(policy, configurations, portalPath);
	}

	@Bean
	SpringResourceTemplateResolver recurPortalTemplateResolver() {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setPrefix("classpath:/io/recurportal/web/templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setResolvablePatterns(java.util.Set.of("recur-portal/*"));
		resolver.setCheckExistence(true);
		resolver.setOrder(0);
		return resolver;
	}

	@Bean
	WebMvcConfigurer recurPortalResources(@Value("${recur.portal.web.path:/portal}") String portalPath) {
		return new WebMvcConfigurer() {

			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler(portalPath + "/assets/**", "/recur-portal/**")
					.addResourceLocations("classpath:/io/recurportal/web/static/");
			}

		};
	}

	@Bean
	PortalLinkController recurPortalLinkController(PortalSessions sessions, AccountSubscriptions subscriptions,
			PortalConfigurations configurations, PortalPageContext context) {
		return new PortalLinkController(sessions, subscriptions, configurations, context);
	}

	@Bean
	PortalPagesController recurPortalPagesController(PortalPageContext context, AccountSubscriptions subscriptions,
			SubscriptionLifecycle lifecycle, SubscriptionCheckout checkout, AccountInvoices invoices,
			CustomerProfiles profiles, BillingGateway gateway, ObjectProvider<LicenseKeyProvider> licenseKeys) {
		return new PortalPagesController(context, subscriptions, lifecycle, checkout, invoices, profiles, gateway,
				licenseKeys.getIfUnique());
	}

	@Bean
	PaymentMethodController recurPortalPaymentMethodController(PaymentMethodUpdates updates,
			PortalPageContext context, PortalLinks links) {
		return new PaymentMethodController(updates, context, links);
	}

	@Bean
	SavedPaymentMethodsController recurPortalSavedPaymentMethodsController(SavedPaymentMethods methods,
			PortalPageContext context) {
		return new SavedPaymentMethodsController(methods, context);
	}

	@Bean
	PortalCheckoutController recurPortalCheckoutController(SubscriptionCheckout checkout, PortalPageContext context,
			PortalLinks links) {
		return new PortalCheckoutController(checkout, context, links);
	}

	@Bean
	PortalActivityController recurPortalActivityController(BillingActivity activity, PortalPageContext context) {
		return new PortalActivityController(activity, context);
	}

	@Bean
	ProfileController recurPortalProfileController(CustomerProfiles profiles, EmailChanges emailChanges,
			PortalPageContext context) {
		return new ProfileController(profiles, emailChanges, context);
	}

	@Bean
	EmailChangeController recurPortalEmailChangeController(EmailChanges emailChanges,
			PortalConfigurations configurations, PortalPageContext context) {
		return new EmailChangeController(emailChanges, configurations, context);
	}

	@Bean
	BrandStylesController recurPortalBrandStylesController(PortalConfigurations configurations) {
		return new BrandStylesController(configurations);
	}

	@Bean
	PortalAccessDeniedHandler recurPortalAccessDeniedHandler(PortalPageContext context,
			ObjectProvider<ThymeleafViewResolver> views) {
		return new PortalAccessDeniedHandler(context, views.getIfAvailable());
	}

	@Bean
	PortalPageExceptionHandler recurPortalPageExceptionHandler(PortalPageContext context) {
		return new PortalPageExceptionHandler(context);
	}

}
