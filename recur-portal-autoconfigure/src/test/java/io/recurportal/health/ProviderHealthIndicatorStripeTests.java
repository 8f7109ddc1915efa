package io.recurportal.health;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.recurportal.billing.stripe.StripeBillingGateway;
import io.recurportal.billing.stripe.StripeClients;
import io.recurportal.billing.stripe.StripeGatewaySettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link ProviderHealthIndicator} over the real Stripe gateway, stripe-java and
 * HTTP, against a local server standing in for Stripe.
 */
class ProviderHealthIndicatorStripeTests {

	private static final String SECRET_KEY = "sk_test_51HealthIndicatorTestKey000SecretDoNotShow";

	private static final String CUSTOMERS = "/v1/customers";

	private static final String EMPTY_LIST = "{\"object\": \"list\", \"url\": \"/v1/customers\", "
			+ "\"has_more\": false, \"data\": []}";

	@RegisterExtension
	static WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static StripeBillingGateway gateway(String apiBase) {
		Duration timeout = Duration.ofSeconds(2);
		return new StripeBillingGateway(StripeClients.create(SECRET_KEY, apiBase, 2, timeout, timeout),
				StripeGatewaySettings.forSecretKey(SECRET_KEY, "pk_test_publishable", timeout, timeout));
	}

	private static ProviderHealthIndicator indicator(Duration timeToLive) {
		return new ProviderHealthIndicator(gateway(stripe.baseUrl()), timeToLive);
	}

	private static int customerLists() {
		return stripe.findAll(getRequestedFor(urlPathEqualTo(CUSTOMERS))).size();
	}

	@Test
	void healthWhenStripeAnswersThenUpInTestMode() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS)).willReturn(okJson(EMPTY_LIST)));

		Health health = indicator(Duration.ZERO).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).contains(entry("provider", "stripe"), entry("mode", "test"))
			.doesNotContainKeys("reason");
		stripe.verify(1, getRequestedFor(urlPathEqualTo(CUSTOMERS))
			.withQueryParam("limit", equalTo("1"))
			.withHeader("Authorization", equalTo("Bearer " + SECRET_KEY)));
	}

	@Test
	void healthWhenStripeRejectsTheKeyThenDownInvalidApiKeyAndTheKeyNowhere() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": {\"type\": \"invalid_request_error\", \"message\": \"Invalid API Key provided: "
					+ SECRET_KEY + "\"}}")));

		Health health = indicator(Duration.ZERO).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "invalid_api_key");
		assertThat(health.toString()).doesNotContain(SECRET_KEY).doesNotContain("sk_test").doesNotContain("pk_test");
	}

	@Test
	void healthWhenNothingListensThenDownUnreachable() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		ProviderHealthIndicator indicator = new ProviderHealthIndicator(gateway("http://127.0.0.1:" + closedPort),
				Duration.ZERO);

		Health health = indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).contains(entry("reason", "unreachable"),
				entry("message", "Stripe could not be reached"));
	}

	@Test
	void healthTwiceWithinTheCacheTimeThenOneRequestToStripe() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS)).willReturn(okJson(EMPTY_LIST)));
		ProviderHealthIndicator indicator = indicator(Duration.ofMinutes(1));

		Health first = indicator.health();
		Health second = indicator.health();

		assertThat(first.getStatus()).isEqualTo(Status.UP);
		assertThat(second).isEqualTo(first);
		assertThat(customerLists()).isEqualTo(1);
		assertThat(stripe.findAll(RequestPatternBuilder.allRequests())).hasSize(1);
	}

	@Test
	void healthTwiceWithoutCacheThenTwoRequestsToStripe() {
		stripe.stubFor(get(urlPathEqualTo(CUSTOMERS)).willReturn(okJson(EMPTY_LIST)));
		ProviderHealthIndicator indicator = indicator(Duration.ZERO);

		indicator.health();
		indicator.health();

		assertThat(customerLists()).isEqualTo(2);
	}

}
