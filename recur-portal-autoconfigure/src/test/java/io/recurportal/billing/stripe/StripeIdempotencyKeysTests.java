package io.recurportal.billing.stripe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StripeIdempotencyKeys}.
 */
class StripeIdempotencyKeysTests {

	@Test
	void ofWhenStripeAcceptsTheKeyThenKeepsIt() {
		String longest = "k".repeat(255);

		assertThat(StripeIdempotencyKeys.of("cancel:sub_1:42")).isEqualTo("cancel:sub_1:42");
		assertThat(StripeIdempotencyKeys.of(longest)).isEqualTo(longest);
	}

	@Test
	void ofWhenLongerThan255ThenItsSha256InHex() throws Exception {
		String key = "k".repeat(256);
		String sha256 = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));

		assertThat(StripeIdempotencyKeys.of(key)).isEqualTo("sha256-" + sha256).hasSizeLessThanOrEqualTo(255);
		assertThat(StripeIdempotencyKeys.of("k".repeat(257))).isNotEqualTo(StripeIdempotencyKeys.of(key));
	}

	@Test
	void ofWhenTheKeyHasCharactersAHeaderCannotCarryThenHashesIt() {
		assertThat(StripeIdempotencyKeys.of("取消:sub_1")).matches("sha256-[0-9a-f]{64}");
		assertThat(StripeIdempotencyKeys.of("cancel sub_1")).matches("sha256-[0-9a-f]{64}");
	}

	@Test
	void deriveThenAppendsTheStepDeterministically() {
		assertThat(StripeIdempotencyKeys.derive("default-pm:1", "customer")).isEqualTo("default-pm:1:customer");
		assertThat(StripeIdempotencyKeys.derive("k".repeat(250), "subscription:sub_1"))
			.isEqualTo(StripeIdempotencyKeys.derive("k".repeat(250), "subscription:sub_1"))
			.matches("sha256-[0-9a-f]{64}");
	}

	@Test
	void ofWhenBlankThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> StripeIdempotencyKeys.of(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> StripeIdempotencyKeys.derive("key", ""));
	}

}
