package io.recurportal.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

import io.recurportal.account.JwtAccountContextReader;
import io.recurportal.billing.BillingGateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RecurPortalSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class,
				RecurPortalAutoConfiguration.class, RecurPortalSecurityAutoConfiguration.class))
		.withBean(BillingGateway.class, () -> mock(BillingGateway.class));

	@Test
	void contributesApiChain() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("recurPortalApiSecurityFilterChain")
				.hasBean("recurPortalServerApiSecurityFilterChain")
				.hasBean("recurPortalPagesSecurityFilterChain")
				.hasSingleBean(JwtAccountContextReader.class);
			// Boot's default chain is still there for the host's endpoints.
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsKey("defaultSecurityFilterChain")
				.hasSize(4);
		});
	}

	@Test
	void whenDisabledThenNoChain() {
		this.contextRunner.withPropertyValues("recur.portal.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("recurPortalApiSecurityFilterChain")
				.doesNotHaveBean("recurPortalPagesSecurityFilterChain")
				.doesNotHaveBean("recurPortalServerApiSecurityFilterChain")
				.doesNotHaveBean(JwtAccountContextReader.class));
	}

	@Test
	void whenResourceServerNotOnClasspathThenNoChain() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationFilter.class))
			.run((context) -> assertThat(context).doesNotHaveBean("recurPortalApiSecurityFilterChain"));
	}

	@Test
	void whenNotWebApplicationThenNoChain() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RecurPortalAutoConfiguration.class,
					RecurPortalSecurityAutoConfiguration.class))
			.withBean(BillingGateway.class, () -> mock(BillingGateway.class))
			.run((context) -> assertThat(context).doesNotHaveBean("recurPortalApiSecurityFilterChain"));
	}

	@Test
	void whenHostReplacesApiChainByNameThenItsChainIsUsed() {
		this.contextRunner
			.withBean("recurPortalApiSecurityFilterChain", SecurityFilterChain.class,
					() -> mock(SecurityFilterChain.class))
			.run((context) -> assertThat(context.getBean("recurPortalApiSecurityFilterChain"))
				.isNotInstanceOf(org.springframework.security.web.DefaultSecurityFilterChain.class));
	}

	@Test
	void whenHostDefinesAccountContextReaderThenItIsUsed() {
		JwtAccountContextReader reader = new JwtAccountContextReader(io.recurportal.account.AccountClaimNames.DEFAULT);
		this.contextRunner.withBean(JwtAccountContextReader.class, () -> reader)
			.run((context) -> assertThat(context).getBean(JwtAccountContextReader.class).isSameAs(reader));
	}

}
