package io.recurportal.web;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.testsupport.SandboxProviderTestHooks;
import io.recurportal.testsupport.TestHostApplication;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With a host's {@link LicenseKeyProvider}, configurations with the {@code license-keys}
 * feature show the customer's keys, and only those.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalPagesTests.Config.class,
		SandboxProviderTestHooks.Config.class, LicenseKeysPagesTests.Keys.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.base-url=https://billing.example.com",
				"recur.portal.configurations.keys.features=subscription-view,license-keys" })
@AutoConfigureMockMvc
class LicenseKeysPagesTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PortalSessions sessions;

	@Test
	void aConfigurationWithLicenseKeysShowsTheCustomersKeys() throws Exception {
		this.mvc.perform(get("/portal").cookie(open("cus_active", "keys")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"license-keys\"")))
			.andExpect(content().string(containsString("INBOX-cus_active-acct_active")))
			.andExpect(content().string(containsString("1 of 3 activations used")));
	}

	@Test
	void aConfigurationWithoutTheFeatureHidesThem() throws Exception {
		this.mvc.perform(get("/portal").cookie(open("cus_active", "invoices")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"license-keys\""))))
			.andExpect(content().string(not(containsString("INBOX-"))));
	}

	private Cookie open(String customerId, String configuration) throws Exception {
		String url = this.sessions
			.create(new PortalSessionRequest(customerId, null, null, "https://app.example.com/account", configuration,
					null, null, true))
			.url();
		MockHttpServletResponse response = this.mvc.perform(get(url.substring(url.indexOf("/portal/s/"))))
			.andReturn()
			.getResponse();
		return response.getCookie(PortalCookies.SESSION);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Keys {

		@Bean
		LicenseKeyProvider licenseKeyProvider() {
			return (customerId, accountId) -> List.of(new LicenseKey("Inbox Manager Pro",
					"INBOX-" + customerId + "-" + accountId, "active", 1, 3, Instant.parse("2030-01-01T00:00:00Z")));
		}

	}

}
