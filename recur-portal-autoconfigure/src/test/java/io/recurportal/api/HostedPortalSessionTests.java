package io.recurportal.api;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.recurportal.session.ProviderHostedPortal;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static io.recurportal.testsupport.AccountJwts.accountJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With a provider-hosted portal, portal-session opens it for the caller's configuration
 * instead of the portal's pages, and only for owners.
 */
@SpringBootTest(classes = { TestHostApplication.class, HostedPortalSessionTests.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com", "spring.main.banner-mode=off" })
@AutoConfigureMockMvc
class HostedPortalSessionTests {

	static final List<List<Object>> opened = new ArrayList<>();

	@Autowired
	private MockMvc mvc;

	@Test
	void ownerIsSentToTheProvidersPortalWithTheirConfigurationAndDeepLink() throws Exception {
		this.mvc
			.perform(as("owner", "{\"return_url\":\"https://app.example.com/account\",\"flow\":\"subscription_cancel\","
					+ "\"subscription_id\":\"sub_active\",\"locale\":\"ja\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.url").value("https://billing.stripe.com/p/session/test_1"));
		assertThat(opened).last()
			.isEqualTo(List.of("cus_active", "full", "https://app.example.com/account", "subscription_cancel",
					"sub_active", "ja"));
	}

	@Test
	void memberIsRefusedBecauseTheProvidersPortalCannotTellRoles() throws Exception {
		int before = opened.size();
		this.mvc.perform(as("member", "{\"return_url\":\"https://app.example.com/account\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("owner_required"));
		assertThat(opened).hasSize(before);
	}

	@Test
	void deepLinkToAnotherAccountsSubscriptionOrForeignReturnUrlIsRefused() throws Exception {
		int before = opened.size();
		this.mvc
			.perform(as("owner", "{\"return_url\":\"https://app.example.com/\",\"flow\":\"subscription_update\","
					+ "\"subscription_id\":\"sub_other\"}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("subscription_not_found"));
		this.mvc.perform(as("owner", "{\"return_url\":\"https://evil.example.net/\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("return_url_not_allowed"));
		this.mvc.perform(as("owner", "{\"return_url\":\"https://app.example.com/\",\"flow\":\"refund\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid_request"));
		assertThat(opened).hasSize(before);
	}

	private static MockHttpServletRequestBuilder as(String role, String body) {
		return post("/api/subscriptions/stripe/portal-session")
			.with(accountJwt((token) -> token.subject("user").claim("acc", "acct_active").claim("role", role)))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return new TestJwts().decoder();
		}

		@Bean
		ProviderHostedPortal providerHostedPortal() {
			return (customerId, configurationId, returnUrl, flow, subscriptionId, locale, key) -> {
				assertThat(key).startsWith("rp_");
				opened.add(java.util.Arrays.asList(customerId, configurationId, returnUrl, flow, subscriptionId, locale));
				return "https://billing.stripe.com/p/session/test_" + opened.size();
			};
		}

	}

}
