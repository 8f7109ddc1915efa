package io.recurportal.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.recurportal.testsupport.SandboxProviderTestHooks;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static io.recurportal.testsupport.AccountJwts.accountJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A change an owner makes in the portal reaches the host once, although both the portal
 * and the provider's own event tell of it: the sandbox sends its event during the call,
 * so the refresh tells first and the portal must not tell again (on Stripe the event
 * comes later, and the portal tells first).
 */
@SpringBootTest(
		classes = { TestHostApplication.class, SandboxProviderTestHooks.Config.class,
				PortalChangeEventsSandboxTests.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.webhook.work.auto-startup=false" })
@AutoConfigureMockMvc
class PortalChangeEventsSandboxTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private RefreshWorker worker;

	@Autowired
	private Config config;

	@Test
	void settingToCancelAndKeepingAreEachToldOnce() throws Exception {
		this.mvc.perform(owner(post("/api/subscriptions/sub_lifecycle/cancel")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"timing\":\"period_end\"}")).andExpect(status().isOk());
		this.worker.drain();
		assertThat(this.config.heard).filteredOn(SubscriptionCancelScheduledEvent.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(event.accountId()).isEqualTo("acct_lifecycle"));
		this.mvc.perform(owner(post("/api/subscriptions/sub_lifecycle/reactivate"))).andExpect(status().isOk());
		this.worker.drain();
		assertThat(this.config.heard).filteredOn(SubscriptionReactivatedEvent.class::isInstance).hasSize(1);
		assertThat(this.config.heard).filteredOn(SubscriptionCancelScheduledEvent.class::isInstance).hasSize(1);
	}

	private static MockHttpServletRequestBuilder owner(MockHttpServletRequestBuilder request) {
		return request.with(accountJwt((token) -> token.subject("lena").claim("acc", "acct_lifecycle")
			.claim("role", "owner")));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		final List<PortalBillingEvent> heard = new CopyOnWriteArrayList<>();

		@Bean
		JwtDecoder jwtDecoder() {
			return new TestJwts().decoder();
		}

		@EventListener
		void hear(PortalBillingEvent event) {
			this.heard.add(event);
		}

	}

}
