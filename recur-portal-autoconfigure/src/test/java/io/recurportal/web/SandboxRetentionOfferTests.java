package io.recurportal.web;

import java.math.BigDecimal;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.audit.AuditEntry;
import io.recurportal.audit.AuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The retention offer over the sandbox, on the pages and through the API: offered once
 * per subscription, accepting applies the discount and keeps the subscription,
 * cancelling declines it.
 */
@SpringBootTest(classes = { TestHostApplication.class, SandboxRetentionOfferTests.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.base-url=https://billing.example.com",
				"recur.portal.configurations.full.cancellation.retention-offer.percent-off=20",
				"recur.portal.configurations.full.cancellation.retention-offer.duration-in-months=3" })
@AutoConfigureMockMvc
class SandboxRetentionOfferTests {

	private static final TestJwts jwts = new TestJwts();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PortalSessions sessions;

	@Autowired
	private BillingGateway gateway;

	@Autowired
	private AuditTrail audit;

	@Test
	void offerShownOnceAndAcceptingKeepsTheSubscriptionWithTheDiscount() throws Exception {
		Cookie session = open("cus_lifecycle", true);
		this.mvc.perform(get("/portal/subscriptions/sub_lifecycle/cancel").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"retention-offer\"")))
			.andExpect(content().string(containsString("20% off for 3 months")))
			.andExpect(content().string(containsString("/portal/subscriptions/sub_lifecycle/retention-offer/accept")))
			.andExpect(content().string(containsString("Accept offer")))
			.andExpect(content().string(containsString("No thanks, cancel")));
		this.mvc
			.perform(post("/portal/subscriptions/sub_lifecycle/retention-offer/accept").cookie(session)
				.with(csrf())
				.param("request_id", "o-1"))
			.andExpect(redirectedUrl("/portal?notice=offer_accepted"));
		Subscription kept = this.gateway.findSubscription("sub_lifecycle").orElseThrow();
		assertThat(kept.cancelAtPeriodEnd()).isFalse();
		assertThat(kept.status().isTerminal()).isFalse();
		assertThat(kept.retentionOffer()).isEqualTo(RetentionOfferStatus.ACCEPTED);
		assertThat(kept.discount()).isNotNull();
		assertThat(kept.discount().percentOff()).isEqualByComparingTo(BigDecimal.valueOf(20));
		assertThat(kept.discount().durationInMonths()).isEqualTo(3);
		// Starter is $9.00 a month: 20% off makes the next charge $7.20.
		this.mvc.perform(get("/portal?notice=offer_accepted").cookie(session))
			.andExpect(content().string(containsString("Offer accepted.")))
			.andExpect(content().string(containsString("20% off for 3 months")))
			.andExpect(content().string(containsString("$7.20")));
		// Offered once: the cancel page is the plain one now.
		this.mvc.perform(get("/portal/subscriptions/sub_lifecycle/cancel").cookie(session))
			.andExpect(content().string(not(containsString("id=\"retention-offer\""))))
			.andExpect(content().string(not(containsString("No thanks, cancel"))));
		this.mvc
			.perform(post("/portal/subscriptions/sub_lifecycle/retention-offer/accept").cookie(session)
				.with(csrf())
				.param("request_id", "o-2"))
			.andExpect(status().isNotFound());
		assertThat(this.audit.findByAccount("acct_lifecycle", 20)).extracting(AuditEntry::action)
			.contains("accept_retention_offer");
	}

	@Test
	void cancellingDeclinesTheOfferAndTheNextCancelShowsNone() throws Exception {
		Cookie session = open("cus_change", true);
		this.mvc.perform(get("/portal/subscriptions/sub_change/cancel").cookie(session))
			.andExpect(content().string(containsString("id=\"retention-offer\"")));
		this.mvc
			.perform(post("/portal/subscriptions/sub_change/cancel").cookie(session)
				.with(csrf())
				.param("reason", "too_expensive")
				.param("request_id", "d-1"))
			.andExpect(redirectedUrl("/portal?notice=cancel_scheduled"));
		Subscription cancelling = this.gateway.findSubscription("sub_change").orElseThrow();
		assertThat(cancelling.cancelAtPeriodEnd()).isTrue();
		assertThat(cancelling.discount()).isNull();
		assertThat(cancelling.retentionOffer()).isEqualTo(RetentionOfferStatus.DECLINED);
		this.mvc
			.perform(post("/portal/subscriptions/sub_change/reactivate").cookie(session)
				.with(csrf())
				.param("request_id", "d-2"))
			.andExpect(redirectedUrl("/portal?notice=reactivated"));
		this.mvc.perform(get("/portal/subscriptions/sub_change/cancel").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"retention-offer\""))));
	}

	@Test
	void viewOnlySessionsCannotAccept() throws Exception {
		Cookie session = open("cus_preview", false);
		this.mvc
			.perform(post("/portal/subscriptions/sub_preview/retention-offer/accept").cookie(session)
				.with(csrf())
				.param("request_id", "v-1"))
			.andExpect(status().isForbidden());
		assertThat(this.gateway.findSubscription("sub_preview").orElseThrow().discount()).isNull();
	}

	@Test
	void apiShowsAndAcceptsTheOfferOnce() throws Exception {
		String owner = jwts.token("acct_active", "alice", "owner");
		this.mvc
			.perform(get("/api/subscriptions/sub_active/retention-offer").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + owner))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subscription_id").value("sub_active"))
			.andExpect(jsonPath("$.discount.percent_off").value(20))
			.andExpect(jsonPath("$.discount.duration_in_months").value(3));
		this.mvc
			.perform(get("/api/subscriptions/sub_active/retention-offer").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + jwts.token("acct_active", "bob", "member")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/subscriptions/sub_active/retention-offer/accept")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + owner)
				.header("Idempotency-Key", "accept-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cancel_at_period_end").value(false))
			.andExpect(jsonPath("$.discount.percent_off").value(20))
			.andExpect(jsonPath("$.discount.duration_in_months").value(3))
			.andExpect(jsonPath("$.discount.ends_at").isNotEmpty());
		// A retry with the same key answers as the first time did.
		this.mvc
			.perform(post("/api/subscriptions/sub_active/retention-offer/accept")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + owner)
				.header("Idempotency-Key", "accept-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.discount.percent_off").value(20));
		this.mvc
			.perform(get("/api/subscriptions/sub_active/retention-offer").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + owner))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("retention_offer_not_available"));
		this.mvc
			.perform(post("/api/subscriptions/sub_active/retention-offer/accept").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + owner))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("retention_offer_not_available"));
		this.mvc
			.perform(get("/api/subscriptions").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner))
			.andExpect(jsonPath("$.data[0].discount.percent_off").value(20));
	}

	@Test
	void apiCancelDeclinesTheOffer() throws Exception {
		String owner = jwts.token("acct_timing", "tim", "owner");
		this.mvc
			.perform(post("/api/subscriptions/sub_timing/cancel").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"unused\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cancel_at_period_end").value(true));
		assertThat(this.gateway.findSubscription("sub_timing").orElseThrow().retentionOffer())
			.isEqualTo(RetentionOfferStatus.DECLINED);
		this.mvc
			.perform(get("/api/subscriptions/sub_timing/retention-offer").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + owner))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("retention_offer_not_available"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

	}

	private Cookie open(String customerId, boolean owner) throws Exception {
		String url = this.sessions
			.create(new PortalSessionRequest(customerId, null, null, "https://app.example.com/account", "full", null,
					null, owner))
			.url();
		MockHttpServletResponse response = this.mvc.perform(get(url.substring(url.indexOf("/portal/s/"))))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse();
		return response.getCookie(PortalCookies.SESSION);
	}

}
