package io.recurportal.billing.stripe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StripeErrorTranslator}'s redaction; its translations are tested through
 * the gateway against Stripe-shaped errors.
 */
class StripeErrorTranslatorTests {

	@Test
	void redactThenRemovesEveryStripeKey() {
		String text = "Invalid API Key provided: sk_live_51AbC***xyz; also rk_test_51Def and pk_live_51Ghi.";

		assertThat(StripeErrorTranslator.redact(text))
			.isEqualTo("Invalid API Key provided: [redacted] also [redacted] and [redacted]");
	}

	@Test
	void redactThenRemovesUrlsEmailsAndPhoneNumbersAlsoAsJsonEscapesThem() {
		String body = """
				{"url": "https://billing.stripe.com/p/session/test_YWNjdF8xUmVjdXJQb3J0YWw",
				 "escaped": "https:\\/\\/checkout.stripe.com\\/c\\/pay\\/cs_test_a1Recur#fidkdWxOYHwn",
				 "email": "jenny.rosen@example.com", "phone": "0912 345 678",
				 "shipping": {"phone": null}, "description": "Call +44 20 7946 0958 or (555) 010-4477",
				 "created": 1680000000, "amount": 2000, "host": "127.0.0.1"}""";

		assertThat(StripeErrorTranslator.redact(body)).isEqualTo("""
				{"url": "[redacted]",
				 "escaped": "[redacted]",
				 "email": "[redacted]", "phone": "[redacted]",
				 "shipping": {"phone": null}, "description": "Call [redacted] or [redacted]",
				 "created": 1680000000, "amount": 2000, "host": "127.0.0.1"}""");
	}

	@Test
	void redactWhenNoKeyThenUnchanged() {
		assertThat(StripeErrorTranslator.redact("No such customer: 'cus_123'"))
			.isEqualTo("No such customer: 'cus_123'");
		assertThat(StripeErrorTranslator.redact(null)).isEmpty();
	}

}
