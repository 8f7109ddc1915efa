package io.recurportal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.PortalTokens;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the portal records in the host's meter registry, and what it costs the provider:
 * the provider calls per view are counted from the portal's own timer.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalMetricsIntegrationTests.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com" })
@AutoConfigureMockMvc
class PortalMetricsIntegrationTests {

	private static final TestJwts jwts = new TestJwts();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private PortalSessions sessions;

	@Test
	void subscriptionsApiAsksTheProviderTwiceColdAndNeverWarm() throws Exception {
		String token = jwts.token("acct_preview", "user_1", "owner");
		long before = providerCalls();
		this.mvc.perform(get("/api/subscriptions").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk());
		long cold = providerCalls() - before;
		this.mvc.perform(get("/api/subscriptions").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk());
		long warm = providerCalls() - before - cold;
		assertThat(cold).isEqualTo(2);
		assertThat(warm).isZero();
		assertThat(providerCalls("customer.search")).isPositive();
		assertThat(providerCalls("subscription.list")).isPositive();
	}

	@Test
	void overviewPageAsksTheProviderAtMostThreeTimesColdAndNeverWarm() throws Exception {
		Cookie session = open("cus_retry");
		long before = providerCalls();
		this.mvc.perform(get("/portal").cookie(session)).andExpect(status().isOk());
		long cold = providerCalls() - before;
		this.mvc.perform(get("/portal").cookie(session)).andExpect(status().isOk());
		this.mvc.perform(get("/portal").cookie(session)).andExpect(status().isOk());
		long warm = providerCalls() - before - cold;
		assertThat(cold).isBetween(1L, 3L);
		assertThat(warm).isZero();
	}

	@Test
	void overviewAfterAnOwnersActionAsksAgain() throws Exception {
		Cookie session = open("cus_pause");
		this.mvc.perform(get("/portal").cookie(session)).andExpect(status().isOk());
		String token = jwts.token("acct_pause", "user_1", "owner");
		this.mvc
			.perform(post("/api/subscriptions/sync").header("Authorization", "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isOk());
		long before = providerCalls();
		this.mvc.perform(get("/portal").cookie(session)).andExpect(status().isOk());
		assertThat(providerCalls() - before).isPositive();
	}

	@Test
	void actionsAreCountedByActionAndResult() throws Exception {
		String owner = jwts.token("acct_lifecycle", "user_1", "owner");
		this.mvc
			.perform(post("/api/subscriptions/sub_lifecycle/cancel").header("Authorization", "Bearer " + owner)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"timing\":\"period_end\"}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/api/subscriptions/sub_nope/cancel").header("Authorization", "Bearer " + owner)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"timing\":\"period_end\"}"))
			.andExpect(status().isNotFound());
		assertThat(this.registry.get(PortalMetrics.ACTIONS)
			.tags("action", "cancel_subscription", "result", "succeeded")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get(PortalMetrics.ACTIONS)
			.tags("action", "cancel_subscription", "result", "subscription_not_found")
			.counter()
			.count()).isEqualTo(1);
		// The sandbox tells the portal of its change as Stripe's webhook would, in its own names.
		assertThat(this.registry.get(PortalMetrics.WEBHOOK_EVENTS)
			.tags("type", "subscription.updated", "result", "processed")
			.counter()
			.count()).isPositive();
		// The lag is recorded once the sandbox's change was read and stored behind the event.
		assertThat(this.registry.get(PortalMetrics.WEBHOOK_LAG)
			.tag("type", "subscription.updated")
			.timer()
			.count()).isPositive();
		// The sandbox's work is done at once: nothing waits, and the budget is the default.
		assertThat(this.registry.get("recur.portal.webhook.backlog").gauge().value()).isZero();
		assertThat(this.registry.get("recur.portal.provider.budget.limit").gauge().value()).isEqualTo(20);
	}

	@Test
	void linksOpenedAndRefusedAreCounted() throws Exception {
		double redeemed = redemptions("redeemed");
		double refused = redemptions("refused");
		double malformed = redemptions("malformed");
		String url = this.sessions.create(PortalSessionRequest.forCustomer("cus_other", "https://app.example.com/"))
			.url();
		String path = url.substring(url.indexOf("/portal/s/"));
		this.mvc.perform(get(path)).andExpect(status().isFound());
		this.mvc.perform(get(path)).andExpect(status().isGone());
		this.mvc.perform(get("/portal/s/" + PortalTokens.generate())).andExpect(status().isNotFound());
		this.mvc.perform(get("/portal/s/not-a-token")).andExpect(status().isNotFound());
		assertThat(redemptions("redeemed") - redeemed).isEqualTo(1);
		assertThat(redemptions("refused") - refused).isEqualTo(2);
		assertThat(redemptions("malformed") - malformed).isEqualTo(1);
	}

	private Cookie open(String customerId) throws Exception {
		String url = this.sessions
			.create(new PortalSessionRequest(customerId, null, null, "https://app.example.com/", "full", null, null,
					true))
			.url();
		return this.mvc.perform(get(url.substring(url.indexOf("/portal/s/"))))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getCookies()[0];
	}

	private long providerCalls() {
		return this.registry.find(PortalMetrics.PROVIDER_CALLS).timers().stream().mapToLong(Timer::count).sum();
	}

	private long providerCalls(String operation) {
		return this.registry.find(PortalMetrics.PROVIDER_CALLS)
			.tag("operation", operation)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private double redemptions(String result) {
		var counter = this.registry.find(PortalMetrics.TOKEN_REDEMPTIONS).tag("result", result).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
