package io.recurportal.billing.stripe.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import com.stripe.net.Webhook;
import org.junit.jupiter.api.Test;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StripeSignatureVerifierTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final String PAYLOAD = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\",\"created\":1772366400}";

	private static final String SECRET = "whsec_current";

	private static final String OLD_SECRET = "whsec_previous";

	private final StripeSignatureVerifier verifier = new StripeSignatureVerifier(List.of(OLD_SECRET, SECRET),
			Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

	static String sign(String payload, String secret, Instant at) {
		try {
			return Webhook.Signature.generateSignatureHeader(payload, secret, at.getEpochSecond());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void verifyWhenSignedNowThenAccepted() {
		assertThatNoException().isThrownBy(() -> this.verifier.verify(PAYLOAD, sign(PAYLOAD, SECRET, NOW)));
	}

	@Test
	void verifyWhenSignedWithEitherSecretThenAccepted() {
		assertThatNoException().isThrownBy(() -> this.verifier.verify(PAYLOAD, sign(PAYLOAD, OLD_SECRET, NOW)));
	}

	@Test
	void verifyWhenWrongSecretThenInvalidSignature() {
		assertInvalid(PAYLOAD, sign(PAYLOAD, "whsec_attacker", NOW));
	}

	@Test
	void verifyWhenPayloadChangedThenInvalidSignature() {
		assertInvalid(PAYLOAD.replace("evt_1", "evt_2"), sign(PAYLOAD, SECRET, NOW));
	}

	@Test
	void verifyWhenOlderThanToleranceThenInvalidSignature() {
		assertInvalid(PAYLOAD, sign(PAYLOAD, SECRET, NOW.minusSeconds(301)));
	}

	@Test
	void verifyWhenJustWithinToleranceThenAccepted() {
		assertThatNoException()
			.isThrownBy(() -> this.verifier.verify(PAYLOAD, sign(PAYLOAD, SECRET, NOW.minusSeconds(300))));
		assertThatNoException()
			.isThrownBy(() -> this.verifier.verify(PAYLOAD, sign(PAYLOAD, SECRET, NOW.plusSeconds(300))));
	}

	@Test
	void verifyWhenFurtherInTheFutureThanToleranceThenInvalidSignature() {
		assertInvalid(PAYLOAD, sign(PAYLOAD, SECRET, NOW.plusSeconds(301)));
	}

	@Test
	void verifyWhenHeaderMissingOrBlankThenInvalidSignature() {
		assertInvalid(PAYLOAD, null);
		assertInvalid(PAYLOAD, " ");
	}

	@Test
	void verifyWhenHeaderHasNoTimestampThenInvalidSignature() {
		String header = sign(PAYLOAD, SECRET, NOW);
		assertInvalid(PAYLOAD, header.substring(header.indexOf(',') + 1));
		assertInvalid(PAYLOAD, header.replaceFirst("t=\\d+", "t=soon"));
	}

	@Test
	void verifyWhenNoSecretsThenInvalidSignature() {
		StripeSignatureVerifier verifier = new StripeSignatureVerifier(Arrays.asList("", null, " "),
				Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(verifier.hasSecrets()).isFalse();
		assertThat(this.verifier.hasSecrets()).isTrue();
		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> verifier.verify(PAYLOAD, sign(PAYLOAD, SECRET, NOW)));
		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.INVALID_SIGNATURE);
	}

	@Test
	void createWhenToleranceNotPositiveThenFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StripeSignatureVerifier(List.of(SECRET), Duration.ZERO, Clock.systemUTC()));
	}

	private void assertInvalid(String payload, String header) {
		PortalException ex = catchThrowableOfType(PortalException.class, () -> this.verifier.verify(payload, header));
		assertThat(ex).isNotNull();
		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.INVALID_SIGNATURE);
	}

}
