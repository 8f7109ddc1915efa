package io.recurportal.billing.stripe;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.recurportal.metrics.PortalMetrics;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.SECRET_KEY;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StripeClients}.
 */
class StripeClientsTests {

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	@Test
	void createThenTheClientCallsTheApiBaseWithTheKeyAndPinnedVersion() throws Exception {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib"))
			.willReturn(json(fixture("customer.json"))));
		StripeClient client = StripeClients.create(SECRET_KEY, stripe.baseUrl() + "/", 0, Duration.ofSeconds(2),
				Duration.ofSeconds(2));

		com.stripe.model.Customer customer = client.v1().customers().retrieve("cus_NffrFeUfNV2Hib");

		assertThat(customer.getEmail()).isEqualTo("jenny.rosen@example.com");
		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.path()).isEqualTo("/v1/customers/cus_NffrFeUfNV2Hib");
		assertThat(request.params()).isEqualTo(Map.of());
	}

	@Test
	void createWithMetricsThenEveryRequestIsTimedByOperationAndOutcome() throws Exception {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib"))
			.willReturn(json(fixture("customer.json"))));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_1Missing"))
			.willReturn(StripeTestSupport.resourceMissing("customer: 'cus_1Missing'", "id")));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		StripeClient client = StripeClients.create(SECRET_KEY, stripe.baseUrl(), 0, Duration.ofSeconds(2),
				Duration.ofSeconds(2), new PortalMetrics(registry));

		client.v1().customers().retrieve("cus_NffrFeUfNV2Hib");
		assertThatExceptionOfType(StripeException.class)
			.isThrownBy(() -> client.v1().customers().retrieve("cus_1Missing"));

		assertThat(registry.get(PortalMetrics.PROVIDER_CALLS)
			.tags("provider", "stripe", "operation", "GET /v1/customers/{id}", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(registry.get(PortalMetrics.PROVIDER_CALLS)
			.tags("operation", "GET /v1/customers/{id}", "outcome", "client_error")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void createWhenThePublishableKeyIsGivenThenRefusedWithoutEchoingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StripeClients.create("pk_live_51Secretish", "https://api.stripe.com", 2,
					Duration.ofSeconds(2), Duration.ofSeconds(2)))
			.withMessageContaining("publishable key")
			.withMessageNotContaining("pk_live_51Secretish");
	}

	@Test
	void createWhenNoKeyThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> StripeClients.create(" ", "https://api.stripe.com", 2,
				Duration.ofSeconds(2), Duration.ofSeconds(2)));
	}

	@Test
	void createWhenRetriesNegativeThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> StripeClients.create(SECRET_KEY,
				"https://api.stripe.com", -1, Duration.ofSeconds(2), Duration.ofSeconds(2)));
	}

}
