package io.recurportal.account;

import java.time.Instant;
import java.util.Objects;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.Assert;

/**
 * Decodes with the host's {@link JwtDecoder} and rejects tokens without an {@code exp}
 * claim. Spring Security accepts those (it only checks {@code exp} when present), but a
 * token that never expires must not open billing.
 */
public final class ExpiryRequiringJwtDecoder implements JwtDecoder {

	private final OAuth2TokenValidator<Jwt> expiryPresent = new JwtClaimValidator<Instant>(JwtClaimNames.EXP,
			Objects::nonNull);

	private final JwtDecoder delegate;

	public ExpiryRequiringJwtDecoder(JwtDecoder delegate) {
		Assert.notNull(delegate, "delegate must not be null");
		this.delegate = delegate;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.delegate.decode(token);
		OAuth2TokenValidatorResult result = this.expiryPresent.validate(jwt);
		if (result.hasErrors()) {
			throw new JwtValidationException("The token has no expiry (exp claim)", result.getErrors());
		}
		return jwt;
	}

}
