package io.recurportal.benchmarks.http.host;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The bench host's identity provider: an RSA key made at start-up, RS256 tokens signed
 * with Nimbus, and the decoder the resource server validates them with (signature,
 * issuer, expiry), as the sample app's demo tokens.
 */
public final class BenchTokens {

	private static final String ISSUER = "recur-portal-http-benchmarks";

	/** Longer than any run, so no token expires while it is measured. */
	private static final Duration LIFETIME = Duration.ofHours(1);

	private final KeyPair keyPair = generate();

	private final JwtEncoder encoder;

	public BenchTokens() {
		RSAKey key = new RSAKey.Builder((RSAPublicKey) this.keyPair.getPublic())
			.privateKey((RSAPrivateKey) this.keyPair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
	}

	/**
	 * A token for an owner of an account.
	 * @param account the {@code acc} claim
	 * @return the signed token
	 */
	public String issue(String account) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject("owner-of-" + account)
			.issuedAt(now)
			.expiresAt(now.plus(LIFETIME))
			.claim("acc", account)
			.claim("role", "owner")
			.build();
		return this.encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

	JwtDecoder decoder() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) this.keyPair.getPublic()).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
		return decoder;
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
