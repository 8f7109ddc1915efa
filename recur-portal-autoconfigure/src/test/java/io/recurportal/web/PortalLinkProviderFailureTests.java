package io.recurportal.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.billing.BillingGateway;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestSandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Opening a link while the provider is down: the link is used, so the customer keeps
 * the session it started, and the portal syncs again when the provider is back.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalLinkProviderFailureTests.Config.class },
		properties = { "recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.base-url=https://billing.example.com", "recur.portal.login.enabled=false" })
@AutoConfigureMockMvc
class PortalLinkProviderFailureTests {

	private static final String RETURN = "https://app.example.com/account";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PortalSessions sessions;

	@Autowired
	private AtomicInteger failures;

	@Test
	void providerDownWhenTheLinkIsOpenedStillGivesASessionThatSyncsLater() throws Exception {
		this.failures.set(1);
		Cookie session = open("cus_active");
		assertThat(this.failures.get()).as("the provider was asked, and failed").isZero();
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"sub_active\"")));
	}

	@Test
	void providerStillDownOnTheOverviewShowsAPageThatRetries() throws Exception {
		this.failures.set(2);
		Cookie session = open("cus_other");
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().string(containsString("Billing is temporarily unavailable")))
			.andExpect(content().string(containsString("<a class=\"button\" href=\"/portal\"")))
			.andExpect(content().string(containsString("Try again")));
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"sub_other\"")));
	}

	private Cookie open(String customerId) throws Exception {
		String url = this.sessions.create(PortalSessionRequest.forCustomer(customerId, RETURN)).url();
		Cookie session = this.mvc.perform(get(url.substring(url.indexOf("/portal/s/"))))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/portal"))
			.andReturn()
			.getResponse()
			.getCookie(PortalCookies.SESSION);
		assertThat(session).as("the session the used link started").isNotNull();
		return session;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		AtomicInteger failures() {
			return new AtomicInteger();
		}

		// The sandbox, whose subscription listing fails as often as asked, as Stripe's
		// 503 does.
		@Bean
		BillingGateway failingOnceGateway(AtomicInteger failures) {
			BillingGateway sandbox = TestSandbox.create();
			return (BillingGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { BillingGateway.class }, (proxy, method, args) -> {
						if (method.getName().equals("listSubscriptions")
								&& failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
							throw new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE,
									"The provider is unavailable.");
						}
						try {
							return method.invoke(sandbox, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

}
