package io.recurportal.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;

import io.recurportal.account.AccountClaimNames;
import io.recurportal.account.AccountJwtAuthenticationConverter;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.stripe.autoconfigure.StripeWebhookAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

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
				.hasSingleBean(AccountJwtAuthenticationConverter.class);
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
				.doesNotHaveBean(AccountJwtAuthenticationConverter.class));
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
	void whenHostDefinesAccountJwtAuthenticationConverterThenItIsUsed() {
		AccountJwtAuthenticationConverter converter = new AccountJwtAuthenticationConverter(AccountClaimNames.DEFAULT);
		this.contextRunner.withBean(AccountJwtAuthenticationConverter.class, () -> converter)
			.run((context) -> assertThat(context).getBean(AccountJwtAuthenticationConverter.class)
				.isSameAs(converter));
	}

	@Test
	void chainsHaveTheirOwnOrders() {
		assertThat(new int[] { RecurPortalSecurityAutoConfiguration.API_CHAIN_ORDER,
				RecurPortalSecurityAutoConfiguration.SERVER_API_CHAIN_ORDER,
				RecurPortalSecurityAutoConfiguration.PAGES_CHAIN_ORDER,
				RecurPortalWebhookAutoConfiguration.WEBHOOK_CHAIN_ORDER })
			.doesNotHaveDuplicates();
	}

	@Test
	void whenHostDeclaresChainCustomizersThenEachIsAppliedToItsOwnChainOnly() {
		PortalApiSecurityCustomizer api = mock(PortalApiSecurityCustomizer.class);
		PortalServerApiSecurityCustomizer server = mock(PortalServerApiSecurityCustomizer.class);
		PortalPagesSecurityCustomizer pages = mock(PortalPagesSecurityCustomizer.class);
		this.contextRunner.withBean(PortalApiSecurityCustomizer.class, () -> api)
			.withBean(PortalServerApiSecurityCustomizer.class, () -> server)
			.withBean(PortalPagesSecurityCustomizer.class, () -> pages)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// Once each: not applied to the other chains, nor to Boot's default one.
				verify(api, times(1)).customize(any(HttpSecurity.class));
				verify(server, times(1)).customize(any(HttpSecurity.class));
				verify(pages, times(1)).customize(any(HttpSecurity.class));
			});
	}

	@Test
	void whenCustomizerChangesChainThenBuiltChainHasTheChange() {
		PortalApiSecurityCustomizer narrower = (http) -> http.securityMatcher("/api/subscriptions/identity");
		this.contextRunner.withBean(PortalApiSecurityCustomizer.class, () -> narrower).run((context) -> {
			DefaultSecurityFilterChain chain = context.getBean("recurPortalApiSecurityFilterChain",
					DefaultSecurityFilterChain.class);
			assertThat(chain.matches(request("", "/api/subscriptions/identity"))).isTrue();
			assertThat(chain.matches(request("", "/api/subscriptions"))).isFalse();
		});
	}

	@Test
	void whenServletPathIsSetThenChainsMatchBelowIt() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class))
			.withPropertyValues("spring.mvc.servlet.path=/app")
			.run((context) -> {
				assertThat(chain(context.getBean("recurPortalApiSecurityFilterChain"))
					.matches(request("/app", "/app/api/subscriptions"))).isTrue();
				assertThat(chain(context.getBean("recurPortalServerApiSecurityFilterChain"))
					.matches(request("/app", "/app/v1/portal/sessions"))).isTrue();
				assertThat(chain(context.getBean("recurPortalPagesSecurityFilterChain"))
					.matches(request("/app", "/app/portal/login"))).isTrue();
				// Without the servlet path the request is not the portal's.
				assertThat(chain(context.getBean("recurPortalApiSecurityFilterChain"))
					.matches(request("", "/api/subscriptions"))).isFalse();
			});
	}

	@Test
	void whenHostDeclaresWebhookCustomizerThenWebhookChainIsCustomizedBelowServletPath() {
		PortalWebhookSecurityCustomizer webhook = mock(PortalWebhookSecurityCustomizer.class);
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
					RecurPortalWebhookAutoConfiguration.class, StripeWebhookAutoConfiguration.class))
			.withPropertyValues("spring.mvc.servlet.path=/app")
			.withBean(PortalWebhookSecurityCustomizer.class, () -> webhook)
			.run((context) -> {
				verify(webhook, times(1)).customize(any(HttpSecurity.class));
				assertThat(chain(context.getBean("recurPortalWebhookSecurityFilterChain"))
					.matches(request("/app", "/app/webhooks/stripe"))).isTrue();
			});
	}

	@Test
	void whenNoServletPathThenChainsMatchAtTheRoot() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class))
			.run((context) -> assertThat(chain(context.getBean("recurPortalApiSecurityFilterChain"))
				.matches(request("", "/api/subscriptions"))).isTrue());
	}

	private static DefaultSecurityFilterChain chain(Object bean) {
		return (DefaultSecurityFilterChain) bean;
	}

	private static MockHttpServletRequest request(String servletPath, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setServletPath(servletPath);
		request.setPathInfo(uri.substring(servletPath.length()));
		return request;
	}

}
