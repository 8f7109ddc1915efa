package io.recurportal.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Real RS256 tokens for tests, signed by Nimbus through Spring Security's encoder, and
 * the decoder that trusts them. Each bad token is bad in exactly one way.
 */
public final class TestJwts {

	private final KeyPair trusted = generate();

	private final JwtEncoder encoder = encoder(this.trusted);

	private final JwtEncoder untrustedEncoder = encoder(generate());

	/**
	 * The decoder a host would configure: trusts only this instance's key.
	 * @return the decoder
	 */
	public JwtDecoder decoder() {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) this.trusted.getPublic()).build();
	}

	/**
	 * A valid token for a user of an account.
	 * @param account the acc claim
	 * @param user the sub claim
	 * @param roles the role claim
	 * @return the token
	 */
	public String token(String account, String user, String... roles) {
		return encode(this.encoder, claims(user, Instant.now().plus(Duration.ofMinutes(5))).claim("acc", account)
			.claim("role", List.of(roles))
			.build());
	}

	/**
	 * A token that expired ten minutes ago (beyond any clock skew).
	 * @return the token
	 */
	public String expired() {
		return encode(this.encoder, claims("alice", Instant.now().minus(Duration.ofMinutes(10)))
			.issuedAt(Instant.now().minus(Duration.ofMinutes(20)))
			.claim("acc", "acct_active")
			.claim("role", "owner")
			.build());
	}

	/**
	 * A token without {@code exp}.
	 * @return the token
	 */
	public String withoutExpiry() {
		return encode(this.encoder, JwtClaimsSet.builder()
			.subject("alice")
			.issuedAt(Instant.now())
			.claim("acc", "acct_active")
			.claim("role", "owner")
			.build());
	}

	/**
	 * A valid token without the account claim.
	 * @return the token
	 */
	public String withoutAccount() {
		return encode(this.encoder,
				claims("alice", Instant.now().plus(Duration.ofMinutes(5))).claim("role", "owner").build());
	}

	/**
	 * A token signed by a key the decoder does not trust.
	 * @return the token
	 */
	public String signedByOtherKey() {
		return encode(this.untrustedEncoder, claims("alice", Instant.now().plus(Duration.ofMinutes(5)))
			.claim("acc", "acct_active")
			.claim("role", "owner")
			.build());
	}

	/**
	 * An unsigned token ({@code alg: none}) with otherwise valid claims.
	 * @return the token
	 */
	public String unsigned() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice")
			.expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
			.claim("acc", "acct_active")
			.claim("role", "owner")
			.build();
		return new PlainJWT(claims).serialize();
	}

	private static JwtClaimsSet.Builder claims(String user, Instant expiresAt) {
		return JwtClaimsSet.builder()
			.id(UUID.randomUUID().toString())
			.subject(user)
			.issuedAt(Instant.now().minusSeconds(1))
			.expiresAt(expiresAt);
	}

	private static String encode(JwtEncoder encoder, JwtClaimsSet claims) {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	private static JwtEncoder encoder(KeyPair keyPair) {
		RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
			.privateKey((RSAPrivateKey) keyPair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
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
