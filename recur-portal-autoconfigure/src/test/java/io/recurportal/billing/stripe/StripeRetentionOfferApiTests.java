package io.recurportal.billing.stripe;

import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.object;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static io.recurportal.billing.stripe.StripeTestSupport.searchResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The retention offer's API over Stripe (a local fake answering Stripe-shaped JSON): the
 * offer, accepting it as the subscription's discount, and cancelling as declining it.
 */
@SpringBootTest(classes = { TestHostApplication.class, StripeRetentionOfferApiTests.Config.class },
		properties = { "recur.portal.billing=stripe", "recur.portal.stripe.secret-key=" + StripeTestSupport.SECRET_KEY,
				"recur.portal.stripe.max-network-retries=0",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.base-url=https://billing.example.com", "recur.portal.login.enabled=false",
				"recur.portal.configurations.full.cancellation.retention-offer.coupon=STAY-25" })
@AutoConfigureMockMvc
class StripeRetentionOfferApiTests {

	private static final String SUBSCRIPTION_PATH = "/v1/subscriptions/sub_1MowQVLkdIwHu7ix";

	private static final TestJwts jwts = new TestJwts();

	@RegisterExtension
	static final WireMockExtension stripe = StripeTestSupport.server();

	@DynamicPropertySource
	static void stripeApiBase(DynamicPropertyRegistry registry) {
		registry.add("recur.portal.stripe.api-base", stripe::baseUrl);
	}

	@Autowired
	private MockMvc mvc;

	@BeforeEach
	void answerAsStripe() {
		String customer = fixture("customer.json",
				(edited) -> edited.putObject("metadata").put("recur_account_id", "acct-offer"));
		String subscription = fixture("subscription.json");
		stripe.stubFor(any(anyUrl()).atPriority(10).willReturn(resourceMissing("object", null)));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(json(searchResult("/v1/customers/search", customer))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib")).willReturn(json(customer)));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions"))
			.willReturn(json(list("/v1/subscriptions", false, subscription))));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/products"))
			.willReturn(json(list("/v1/products", false, fixture("product.json")))));
		stripe.stubFor(WireMock.get(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(subscription)));
		stripe.stubFor(WireMock.get(urlPathEqualTo("/v1/coupons/STAY-25")).willReturn(json(fixture("coupon.json"))));
	}

	@Test
	void offerThenAcceptAppliesTheCouponAsTheDiscount() throws Exception {
		String accepted = fixture("subscription.json", (subscription) -> {
			ObjectNode discount = object(fixture("discount.json"));
			discount.withObject("source").set("coupon", object(fixture("coupon.json")));
			subscription.putArray("discounts").add(discount);
			subscription.withObject("metadata").put("recur_retention_offer", "accepted");
		});
		stripe.stubFor(WireMock.post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(accepted)));
		String owner = "Bearer " + jwts.token("acct-offer", "alice", "owner");
		this.mvc.perform(get("/api/subscriptions/sub_1MowQVLkdIwHu7ix/retention-offer").header("Authorization", owner))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.discount.coupon_id").value("STAY-25"))
			.andExpect(jsonPath("$.discount.percent_off").value(25.0))
			.andExpect(jsonPath("$.discount.duration_in_months").value(3));
		this.mvc
			.perform(post("/api/subscriptions/sub_1MowQVLkdIwHu7ix/retention-offer/accept").header("Authorization",
					owner))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cancel_at_period_end").value(false))
			.andExpect(jsonPath("$.discount.coupon_id").value("STAY-25"))
			.andExpect(jsonPath("$.discount.ends_at").value("2026-11-18T11:06:40Z"));
		List<StripeTestSupport.Recorded> updates = requests(stripe).stream()
			.filter((request) -> request.method().equals("POST"))
			.toList();
		assertThat(updates).hasSize(1);
		assertThat(updates.get(0).params()).containsEntry("discounts[0][coupon]", "STAY-25")
			.containsEntry("metadata[recur_retention_offer]", "accepted");
	}

	@Test
	void cancelRecordsTheDeclineBeforeCancelling() throws Exception {
		stripe.stubFor(WireMock.post(urlPathEqualTo(SUBSCRIPTION_PATH)).willReturn(json(fixture("subscription.json",
				(subscription) -> subscription.put("cancel_at_period_end", true)
					.withObject("metadata")
					.put("recur_retention_offer", "declined")))));
		String owner = "Bearer " + jwts.token("acct-offer", "alice", "owner");
		this.mvc
			.perform(post("/api/subscriptions/sub_1MowQVLkdIwHu7ix/cancel").header("Authorization", owner)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"timing\":\"period_end\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cancel_at_period_end").value(true));
		List<StripeTestSupport.Recorded> updates = requests(stripe).stream()
			.filter((request) -> request.method().equals("POST"))
			.toList();
		assertThat(updates).hasSize(2);
		assertThat(updates.get(0).params()).containsEntry("metadata[recur_retention_offer]", "declined")
			.doesNotContainKey("cancel_at_period_end");
		assertThat(updates.get(1).params()).containsEntry("cancel_at_period_end", "true");
		assertThat(updates.get(0).idempotencyKey()).isNotEqualTo(updates.get(1).idempotencyKey());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

	}

}
