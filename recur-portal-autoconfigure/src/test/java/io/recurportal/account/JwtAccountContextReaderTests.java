package io.recurportal.account;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

class JwtAccountContextReaderTests {

	@Test
	void readWhenCustomClaimNamesThenUsesThem() {
		JwtAccountContextReader reader = new JwtAccountContextReader(
				new AccountClaimNames("org", "uid", "groups", Set.of("admin")));
		Jwt jwt = jwt().claim("org", "acct_9").claim("uid", "u1").claim("groups", List.of("admin", "dev")).build();
		assertThat(reader.read(new JwtAuthenticationToken(jwt, List.of())))
			.contains(new AccountContext("acct_9", "u1", Set.of("admin", "dev"), true));
	}

	@Test
	void readWhenRoleIsSpaceOrCommaSeparatedStringThenSplits() {
		JwtAccountContextReader reader = new JwtAccountContextReader(AccountClaimNames.DEFAULT);
		Jwt jwt = jwt().claim("acc", "a").claim("sub", "s").claim("role", "member, owner").build();
		assertThat(reader.read(new JwtAuthenticationToken(jwt, List.of())).orElseThrow().roles())
			.containsExactlyInAnyOrder("member", "owner");
	}

	@Test
	void readWhenNoRoleClaimThenNoRolesAndNotOwner() {
		JwtAccountContextReader reader = new JwtAccountContextReader(AccountClaimNames.DEFAULT);
		Jwt jwt = jwt().claim("acc", "a").claim("sub", "s").build();
		AccountContext context = reader.read(new JwtAuthenticationToken(jwt, List.of())).orElseThrow();
		assertThat(context.roles()).isEmpty();
		assertThat(context.owner()).isFalse();
	}

	@Test
	void readWhenOwnerRoleOnlyInAnotherClaimThenNotOwner() {
		JwtAccountContextReader reader = new JwtAccountContextReader(AccountClaimNames.DEFAULT);
		Jwt jwt = jwt().claim("acc", "a").claim("sub", "s").claim("scope", "owner").build();
		assertThat(reader.read(new JwtAuthenticationToken(jwt, List.of())).orElseThrow().owner()).isFalse();
	}

	@Test
	void readWhenJwtAuthenticationNotAuthenticatedThenEmpty() {
		JwtAccountContextReader reader = new JwtAccountContextReader(AccountClaimNames.DEFAULT);
		Jwt jwt = jwt().claim("acc", "a").claim("sub", "s").build();
		assertThat(reader.read(new JwtAuthenticationToken(jwt))).isEmpty();
	}

	@Test
	void readWhenNotJwtThenEmpty() {
		JwtAccountContextReader reader = new JwtAccountContextReader(AccountClaimNames.DEFAULT);
		assertThat(reader.read(new TestingAuthenticationToken("u", "p"))).isEmpty();
		assertThat(reader.read(null)).isEmpty();
	}

	private static Jwt.Builder jwt() {
		return Jwt.withTokenValue("t").header("alg", "RS256").expiresAt(Instant.now().plusSeconds(60));
	}

}
