package io.recurportal.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.DispatcherServlet;

import io.recurportal.access.CompositePortalCallerResolver;
import io.recurportal.access.PortalCallerResolver;
import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.api.IdentityController;
import io.recurportal.api.OpenApiController;
import io.recurportal.api.PortalApiExceptionHandler;
import io.recurportal.api.UnknownApiPathController;
import io.recurportal.billing.BillingGateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RecurPortalWebMvcAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RecurPortalAutoConfiguration.class, RecurPortalWebMvcAutoConfiguration.class))
		.withBean(BillingGateway.class, () -> mock(BillingGateway.class));

	@Test
	void contributesControllersAndErrorHandling() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(IdentityController.class)
				.hasSingleBean(UnknownApiPathController.class)
				.hasSingleBean(PortalApiExceptionHandler.class)
				.hasBean("recurPortalWebMvcConfigurer");
			assertThat(context).getBean(PortalCallerResolver.class).isInstanceOf(CompositePortalCallerResolver.class);
		});
	}

	@Test
	void whenHostReplacesBeansThenTheirsAreUsed() {
		IdentityController identity = new IdentityController(mock(AccountCustomerResolver.class));
		PortalCallerResolver callerResolver = (request) -> java.util.Optional.empty();
		this.contextRunner.withBean(IdentityController.class, () -> identity)
			.withBean(PortalCallerResolver.class, () -> callerResolver)
			.run((context) -> {
				assertThat(context).getBean(IdentityController.class).isSameAs(identity);
				assertThat(context).getBean(PortalCallerResolver.class).isSameAs(callerResolver);
			});
	}

	@Test
	void openApiDescriptionIsServedUnlessSwitchedOff() {
		this.contextRunner.run((context) -> assertThat(context).getBean(OpenApiController.class)
			.satisfies((controller) -> assertThat(OpenApiController.PATH).isEqualTo("/recur-portal/openapi.yaml")));
		this.contextRunner.withPropertyValues("recur.portal.api.openapi-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OpenApiController.class)
				.hasSingleBean(IdentityController.class));
	}

	@Test
	void whenDisabledThenNoEndpoints() {
		this.contextRunner.withPropertyValues("recur.portal.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(IdentityController.class)
				.doesNotHaveBean("recurPortalWebMvcConfigurer"));
	}

	@Test
	void whenSpringMvcMissingThenNoEndpoints() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(IdentityController.class));
	}

	@Test
	void whenNotWebApplicationThenNoEndpoints() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RecurPortalAutoConfiguration.class,
					RecurPortalWebMvcAutoConfiguration.class))
			.withBean(BillingGateway.class, () -> mock(BillingGateway.class))
			.run((context) -> assertThat(context).doesNotHaveBean(IdentityController.class));
	}

}
