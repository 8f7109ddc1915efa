package io.recurportal.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Fail closed: every handler the portal maps under its paths declares its access rule,
 * with either provider, and a handler added there without one is refused.
 */
class PortalHandlersDeclareAccessTests {

	private static final TestJwts jwts = new TestJwts();

	private static final List<PathPattern> PORTAL_PATHS = List.of("/portal", "/portal/**", "/api/subscriptions",
			"/api/subscriptions/**", "/v1/**", "/recur-portal/**", "/webhooks/stripe")
		.stream()
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	@Test
	void everyPortalHandlerDeclaresItsRuleOverTheSandbox() {
		try (ConfigurableApplicationContext context = start("recur.portal.billing=sandbox")) {
			assertEveryPortalHandlerDeclaresItsRule(context, 35);
		}
	}

	@Test
	void everyPortalHandlerDeclaresItsRuleOverStripe() {
		try (ConfigurableApplicationContext context = start("recur.portal.billing=stripe",
				"recur.portal.stripe.secret-key=sk_test_declared", "recur.portal.stripe.api-base=http://127.0.0.1:9",
				"recur.portal.stripe.max-network-retries=0", "recur.portal.webhook.secrets=whsec_declared",
				"recur.portal.login.enabled=false")) {
			assertEveryPortalHandlerDeclaresItsRule(context, 30);
		}
	}

	@Test
	void undeclaredHandlerUnderThePortalsPathsIsRefusedAndTheHostsOwnAreNot() throws Exception {
		try (ConfigurableApplicationContext context = start("recur.portal.billing=sandbox")) {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
				.apply(springSecurity())
				.build();
			mvc.perform(get("/portal/undeclared"))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("not_found"))
				.andExpect(content().string(not(containsString("secret"))));
			mvc.perform(get("/api/subscriptions/undeclared").header("Authorization",
					"Bearer " + jwts.token("acct_active", "alice", "owner")))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("not_found"));
			mvc.perform(get("/v1/undeclared").header("Authorization", "Bearer sk_portal_declared"))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.error.code").value("not_found"));
			mvc.perform(get("/host/undeclared").with(
					user("host")))
				.andExpect(status().isOk())
				.andExpect(content().string("the host's own"));
		}
	}

	private static void assertEveryPortalHandlerDeclaresItsRule(ConfigurableApplicationContext context,
			int atLeast) {
		List<String> portalHandlers = new ArrayList<>();
		List<String> undeclared = new ArrayList<>();
		for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				if (entry.getValue().getBeanType() == UndeclaredHandlers.class || !underPortalPaths(entry.getKey())) {
					continue;
				}
				HandlerMethod method = entry.getValue();
				portalHandlers.add(entry.getKey().toString());
				boolean declared = method.hasMethodAnnotation(PortalEndpoint.class)
						|| method.hasMethodAnnotation(PortalEndpoint.Public.class)
						|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PortalEndpoint.Public.class);
				if (!declared) {
					undeclared.add(entry.getKey() + " -> " + method);
				}
			}
		}
		assertThat(portalHandlers).as("the portal's handlers").hasSizeGreaterThanOrEqualTo(atLeast);
		assertThat(undeclared).as("portal handlers without an access rule").isEmpty();
	}

	// A mapping's pattern, with its variables and wildcards filled in, as a path it serves.
	private static boolean underPortalPaths(RequestMappingInfo info) {
		return info.getPatternValues().stream().anyMatch((value) -> {
			PathContainer path = PathContainer.parsePath(value.replaceAll("\\{[^}]*}", "x").replace("/**", "/x"));
			return PORTAL_PATHS.stream().anyMatch((pattern) -> pattern.matches(path));
		});
	}

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.api.secret-keys=sk_portal_declared", "recur.portal.base-url=https://billing.example.com"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(TestHostApplication.class, Config.class)
			.web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

		@Bean
		UndeclaredHandlers undeclaredHandlers() {
			return new UndeclaredHandlers();
		}

	}

	/**
	 * Handlers a host (or a later change) adds without an access rule.
	 */
	@RestController
	static class UndeclaredHandlers {

		@GetMapping({ "/portal/undeclared", "/api/subscriptions/undeclared", "/v1/undeclared" })
		String undeclared() {
			return "secret";
		}

		@GetMapping("/host/undeclared")
		String host() {
			return "the host's own";
		}

	}

}
