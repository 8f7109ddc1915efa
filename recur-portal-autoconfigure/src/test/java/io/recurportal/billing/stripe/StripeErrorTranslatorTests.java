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
	void redactWhenNoKeyThenUnchanged() {
		assertThat(StripeErrorTranslator.redact("No such customer: 'cus_123'"))
			.isEqualTo("No such customer: 'cus_123'");
		assertThat(StripeErrorTranslator.redact(null)).isEmpty();
	}

}
