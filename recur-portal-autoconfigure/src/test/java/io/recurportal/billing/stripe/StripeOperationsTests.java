package io.recurportal.billing.stripe;

import java.net.URI;
import java.net.URL;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StripeOperationsTests {

	@Test
	void operationReplacesObjectIdsOnly() throws Exception {
		assertThat(StripeOperations.operation("GET", url("/v1/customers/cus_NffrFeUfNV2Hib")))
			.isEqualTo("GET /v1/customers/{id}");
		assertThat(StripeOperations.operation("GET", url("/v1/customers/search?query=x")))
			.isEqualTo("GET /v1/customers/search");
		assertThat(StripeOperations.operation("POST", url("/v1/invoices/create_preview")))
			.isEqualTo("POST /v1/invoices/create_preview");
		assertThat(StripeOperations.operation("GET", url("/v1/customers/cus_1/payment_methods")))
			.isEqualTo("GET /v1/customers/{id}/payment_methods");
		assertThat(StripeOperations.operation("GET", url("/v1/checkout/sessions/cs_test_a1B2c3")))
			.isEqualTo("GET /v1/checkout/sessions/{id}");
		assertThat(StripeOperations.operation("POST", url("/v1/subscriptions/sub_1MowQVLkdIwHu7ix")))
			.isEqualTo("POST /v1/subscriptions/{id}");
	}

	@Test
	void outcomeByStatus() {
		assertThat(StripeOperations.outcome(200)).isEqualTo("success");
		assertThat(StripeOperations.outcome(402)).isEqualTo("client_error");
		assertThat(StripeOperations.outcome(429)).isEqualTo("rate_limited");
		assertThat(StripeOperations.outcome(503)).isEqualTo("server_error");
	}

	private static URL url(String path) throws Exception {
		return URI.create("https://api.stripe.com" + path).toURL();
	}

}
