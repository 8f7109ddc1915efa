package io.recurportal.web;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.testsupport.SandboxProviderTestHooks;
import io.recurportal.testsupport.TestHostApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The portal pages over the sandbox, and what only the sandbox has: its own checkout
 * page, paid with its test cards (declined and good), behind random ids only their
 * account opens.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalPagesTests.Config.class,
		SandboxProviderTestHooks.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json" })
@AutoConfigureMockMvc
class SandboxPortalPagesTests extends PortalPagesTests {

	@Autowired
	private SandboxBillingGateway sandbox;

	@Test
	void onHoldRecoveryWithAGoodCardAfterADeclinedOne() throws Exception {
		Cookie session = open("cus_on_hold", "full", true);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(content().string(containsString("your subscription is on hold")));
		String checkout = this.mvc
			.perform(post("/portal/payment-method").cookie(session).with(csrf()).param("request_id", "r-10"))
			.andExpect(redirectedUrlPattern("/portal/sandbox/checkout/cs_*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(checkout).cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("4242")))
			.andExpect(content().string(containsString("Inbox Manager")))
			.andExpect(content().string(containsString("/portal/assets/brand/full.css")));
		this.mvc
			.perform(post(checkout).cookie(session)
				.with(csrf())
				.param("card_number", "4000 0000 0000 0002")
				.param("exp_month", "12")
				.param("exp_year", "2034"))
			.andExpect(status().isPaymentRequired())
			.andExpect(content().string(containsString("declined")));
		String complete = this.mvc
			.perform(post(checkout).cookie(session)
				.with(csrf())
				.param("card_number", "4242 4242 4242 4242")
				.param("exp_month", "12")
				.param("exp_year", "2034"))
			.andExpect(redirectedUrlPattern("**/portal/payment-method/complete?session_id=cs_*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(complete).cookie(session)).andExpect(redirectedUrl("/portal?notice=recovered"));
		assertThat(this.sandbox.findSubscription("sub_on_hold").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);
		this.mvc.perform(get("/portal?notice=recovered").cookie(session))
			.andExpect(content().string(containsString("active again")));
	}

	@Test
	void sandboxCheckoutIdsAreRandomAndOnlyTheirAccountOpensOrPaysThem() throws Exception {
		Cookie owner = open("cus_on_hold", "full", true);
		String checkout = this.mvc
			.perform(post("/portal/payment-method").cookie(owner).with(csrf()).param("request_id", "r-own"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(checkout).matches("/portal/sandbox/checkout/cs_test_[A-Za-z0-9]{58}");
		String unknown = "/portal/sandbox/checkout/cs_test_" + "A".repeat(58);
		Cookie stranger = open("cus_other", "full", true);
		for (Cookie cookie : new Cookie[] { stranger, null }) {
			for (String page : new String[] { checkout, unknown }) {
				this.mvc.perform((cookie != null) ? get(page).cookie(cookie) : get(page))
					.andExpect(status().isNotFound())
					.andExpect(content().string(containsString("That checkout was not found or has ended.")));
				this.mvc
					.perform(((cookie != null) ? post(page).cookie(cookie) : post(page)).with(csrf())
						.param("card_number", "4242 4242 4242 4242")
						.param("exp_month", "12")
						.param("exp_year", "2034"))
					.andExpect(status().isNotFound())
					.andExpect(content().string(containsString("That checkout was not found or has ended.")));
			}
		}
		String id = checkout.substring(checkout.lastIndexOf('/') + 1);
		assertThat(this.sandbox.findCheckoutSession(id).orElseThrow().status()).isEqualTo(CheckoutStatus.OPEN);
		this.mvc.perform(get(checkout).cookie(owner)).andExpect(status().isOk());
	}
}
