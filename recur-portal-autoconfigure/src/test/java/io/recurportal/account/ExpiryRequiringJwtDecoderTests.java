package io.recurportal.account;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExpiryRequiringJwtDecoderTests {

	@Test
	void decodeWhenTokenHasExpiryThenReturnsDelegatesJwt() {
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").expiresAt(Instant.now().plusSeconds(60))
			.claim("acc", "a").build();
		JwtDecoder decoder = new ExpiryRequiringJwtDecoder((token) -> jwt);
		assertThat(decoder.decode("t")).isSameAs(jwt);
	}

	@Test
	void decodeWhenTokenHasNoExpiryThenRejected() {
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claim("acc", "a").build();
		JwtDecoder decoder = new ExpiryRequiringJwtDecoder((token) -> jwt);
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode("t"))
			.withMessageContaining("no expiry");
	}

}
