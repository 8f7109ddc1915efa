package io.recurportal.autoconfigure;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.recurportal.account.AccountJwtAuthenticationConverter;
import io.recurportal.access.AccountPortalCallerResolver;
import io.recurportal.access.CompositePortalCallerResolver;
import io.recurportal.access.PortalAccessPolicy;
import io.recurportal.access.PortalAuthorizationManager;
import io.recurportal.access.PortalCallerArgumentResolver;
import io.recurportal.access.PortalCallerResolver;
import io.recurportal.access.PortalEndpointInterceptor;
import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.activity.BillingActivity;
import io.recurportal.activity.RefusedActionAuditor;
import io.recurportal.api.ActivityController;
import io.recurportal.api.CheckoutController;
import io.recurportal.api.IdentityController;
import io.recurportal.api.InvoicesController;
import io.recurportal.api.OpenApiController;
import io.recurportal.api.PaymentMethodsController;
import io.recurportal.api.PortalSessionController;
import io.recurportal.api.SubscriptionsController;
import io.recurportal.audit.AuditedActions;
import io.recurportal.billing.BillingGateway;
import io.recurportal.customer.PaymentMethodUpdates;
import io.recurportal.customer.SavedPaymentMethods;
import io.recurportal.invoice.AccountInvoices;
import io.recurportal.server.ServerApiController;
import io.recurportal.server.ServerApiExceptionHandler;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.ProviderHostedPortal;
import io.recurportal.session.ReturnUrlPolicy;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionCheckout;
import io.recurportal.subscription.SubscriptionLifecycle;
import io.recurportal.web.PortalAccessDeniedHandler;
import io.recurportal.web.InvalidParameterFilter;
import io.recurportal.web.PortalErrorDispatchFilter;
import io.recurportal.web.PortalSessionCallerResolver;
import io.recurportal.api.PortalApiExceptionHandler;
import io.recurportal.api.UnknownApiPathController;
import io.recurportal.configuration.PortalConfigurationResolver;
import io.recurportal.configuration.PortalConfigurations;

/**
 * Auto-configuration of the portal's Spring MVC endpoints. Controllers are beans made
 * here rather than component-scanned, so a host can replace any of them.
 */
@AutoConfiguration(after = RecurPortalAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ RecurPortalProperties.class, RecurPortalWebProperties.class,
		RecurPortalApiProperties.class })
public final class RecurPortalWebMvcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PortalCallerResolver portalCallerResolver(PortalConfigurationResolver configurationResolver,
			PortalConfigurations configurations, ObjectProvider<AccountJwtAuthenticationConverter> converter) {
		// A JWT caller of the API, or the customer of a portal page's session.
		return new CompositePortalCallerResolver(
				List.of(new AccountPortalCallerResolver(configurationResolver, converter.getIfAvailable()),
						new PortalSessionCallerResolver(configurations)));
	}

	/**
	 * Errors the container dispatches to the error page (firewall rejections, refused
	 * methods, paths nothing serves) answer in the portal's format on the portal's paths.
	 */
	@Bean
	FilterRegistrationBean<PortalErrorDispatchFilter> recurPortalErrorDispatchFilter(RecurPortalWebProperties web,
			RecurPortalApiProperties api, ObjectProvider<PortalAccessDeniedHandler> pages) {
		FilterRegistrationBean<PortalErrorDispatchFilter> registration = new FilterRegistrationBean<>(
				new PortalErrorDispatchFilter(api.getPath(), api.getServerPath(), web.getPath(), pages.getIfAvailable()));
		registration.setDispatcherTypes(DispatcherType.ERROR);
		// Before the security filters, which on an error dispatch match none of the portal's chains.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * A query string the container cannot decode is a 400 in the portal's format, before
	 * anything reads a parameter and fails with a 500.
	 */
	@Bean
	FilterRegistrationBean<InvalidParameterFilter> recurPortalInvalidParameterFilter(RecurPortalWebProperties web,
			RecurPortalApiProperties api, ObjectProvider<PortalAccessDeniedHandler> pages) {
		FilterRegistrationBean<InvalidParameterFilter> registration = new FilterRegistrationBean<>(
				new InvalidParameterFilter(api.getPath(), api.getServerPath(), web.getPath(), pages.getIfAvailable()));
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		// Before the security filters, which read parameters themselves.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	WebMvcConfigurer recurPortalWebMvcConfigurer(PortalCallerResolver callerResolver, PortalAccessPolicy policy,
			RecurPortalWebProperties web, RecurPortalApiProperties api, Environment environment,
			ApplicationEventPublisher events) {
		// The API's and the pages' one decision point, asked with the request's Authentication.
		PortalEndpointInterceptor interceptor = new PortalEndpointInterceptor(
				PortalAuthorizationManager.portalEndpoints(callerResolver, policy));
		// Denials become Spring Security's AuthorizationDeniedEvents: the audit trail hears them.
		interceptor.setAuthorizationEventPublisher(new SpringAuthorizationEventPublisher(events));
		String portalPath = web.getPath();
		String apiPath = api.getPath();
		String serverPath = api.getServerPath();
		// Every handler on these paths declares its access rule; one that does not is refused.
		interceptor.setPortalPaths(List.of(portalPath, portalPath + "/**", apiPath, apiPath + "/**",
				serverPath + "/**", "/recur-portal/**",
				environment.getProperty("recur.portal.webhook.path", "/webhooks/stripe")));
		interceptor.setEnvelopePaths(List.of(serverPath + "/**"));
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor);
			}

			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new PortalCallerArgumentResolver(callerResolver));
			}

		};
	}

	@Bean
	RefusedActionAuditor recurPortalRefusedActionAuditor(PortalCallerResolver callerResolver,
			AuditedActions auditedActions) {
		return new RefusedActionAuditor(callerResolver, auditedActions);
	}

	@Bean
	@ConditionalOnMissingBean
	PortalApiExceptionHandler portalApiExceptionHandler() {
		return new PortalApiExceptionHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	UnknownApiPathController portalUnknownApiPathController(ObjectProvider<RequestMappingHandlerMapping> mappings) {
		return new UnknownApiPathController(mappings);
	}

	@Bean
	@ConditionalOnMissingBean
	IdentityController portalIdentityController(AccountCustomerResolver customerResolver) {
		return new IdentityController(customerResolver);
	}

	@Bean
	@ConditionalOnMissingBean
	SubscriptionsController portalSubscriptionsController(AccountSubscriptions subscriptions,
			SubscriptionLifecycle lifecycle, SubscriptionCheckout checkout, BillingGateway gateway,
			PortalAccessPolicy policy, AuditedActions audited) {
		return new SubscriptionsController(subscriptions, lifecycle, checkout, gateway, policy, audited);
	}

	@Bean
	@ConditionalOnMissingBean
	PaymentMethodsController portalPaymentMethodsController(SavedPaymentMethods methods,
			PaymentMethodUpdates updates, ReturnUrlPolicy returnUrlPolicy) {
		return new PaymentMethodsController(methods, updates, returnUrlPolicy);
	}

	@Bean
	@ConditionalOnMissingBean
	CheckoutController portalCheckoutController(SubscriptionCheckout checkout) {
		return new CheckoutController(checkout);
	}

	@Bean
	@ConditionalOnMissingBean
	PortalSessionController portalSessionController(PortalSessions sessions, AccountSubscriptions subscriptions,
			ReturnUrlPolicy returnUrlPolicy, ObjectProvider<ProviderHostedPortal> hostedPortal,
			SubscriptionCheckout checkout) {
		PortalSessionController controller = new PortalSessionController(sessions, subscriptions, returnUrlPolicy,
				hostedPortal.getIfAvailable());
		controller.setCheckout(checkout);
		return controller;
	}

	@Bean
	@ConditionalOnMissingBean
	ServerApiController portalServerApiController(PortalSessions sessions, BillingGateway gateway) {
		return new ServerApiController(sessions, gateway);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerApiExceptionHandler portalServerApiExceptionHandler() {
		return new ServerApiExceptionHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "recur.portal.api.openapi-enabled", matchIfMissing = true)
	OpenApiController portalOpenApiController(RecurPortalApiProperties api) {
		return new OpenApiController(api.getPath(), api.getServerPath());
	}

	@Bean
	@ConditionalOnMissingBean
	ActivityController portalActivityController(BillingActivity activity) {
		return new ActivityController(activity);
	}

	@Bean
	@ConditionalOnMissingBean
	InvoicesController portalInvoicesController(AccountInvoices invoices, RecurPortalApiProperties api) {
		return new InvoicesController(invoices, api.getPath());
	}

}
