package io.recurportal.account;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccountJwtAuthenticationConverterTests {

	private final AccountJwtAuthenticationConverter converter = new AccountJwtAuthenticationConverter(
			AccountClaimNames.DEFAULT);

	@Test
	void convertWhenOwnerThenAuthenticatedAccountWithRoleAuthorities() {
		Jwt jwt = jwt().claim("sub", "alice").claim("acc", "acct_1").claim("role", "owner").build();
		AccountAuthenticationToken authentication = this.converter.convert(jwt);
		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(authentication.getAccount()).isEqualTo(new AccountContext("acct_1", "alice", Set.of("owner"), true));
		assertThat(authentication.getToken()).isSameAs(jwt);
		assertThat(authentication.getName()).isEqualTo("alice");
		assertThat(AuthorityUtils.authorityListToSet(authentication.getAuthorities())).containsExactly("ROLE_owner");
		// Host code that reads a JwtAuthenticationToken keeps working.
		assertThat(authentication).isInstanceOf(JwtAuthenticationToken.class);
	}

	@Test
	void convertWhenRolesArrayWithoutOwnerThenMember() {
		Jwt jwt = jwt().claim("sub", "bob").claim("acc", "acct_1").claim("role", List.of("member", "billing-viewer"))
			.build();
		AccountContext account = this.converter.convert(jwt).getAccount();
		assertThat(account.roles()).containsExactlyInAnyOrder("member", "billing-viewer");
		assertThat(account.owner()).isFalse();
	}

	@Test
	void convertWhenCustomClaimNamesThenUsesThem() {
		AccountJwtAuthenticationConverter converter = new AccountJwtAuthenticationConverter(
				new AccountClaimNames("org", "uid", "groups", Set.of("admin")));
		Jwt jwt = jwt().claim("org", "acct_9").claim("uid", "u1").claim("groups", List.of("admin", "dev")).build();
		assertThat(converter.convert(jwt).getAccount())
			.isEqualTo(new AccountContext("acct_9", "u1", Set.of("admin", "dev"), true));
	}

	@Test
	void convertWhenRoleIsSpaceOrCommaSeparatedStringThenSplits() {
		Jwt jwt = jwt().claim("acc", "a").claim("sub", "s").claim("role", "member, owner").build();
		assertThat(this.converter.convert(jwt).getAccount().roles()).containsExactlyInAnyOrder("member", "owner");
	}

	@Test
	void convertWhenNoRoleClaimThenNoRolesAndNotOwner() {
		Jwt jwt = jwt().claim("acc", "a").claim("sub", "s").build();
		AccountAuthenticationToken authentication = this.converter.convert(jwt);
		assertThat(authentication.getAccount().roles()).isEmpty();
		assertThat(authentication.getAccount().owner()).isFalse();
		assertThat(authentication.getAuthorities()).isEmpty();
	}

	@Test
	void convertWhenOwnerRoleOnlyInAnotherClaimThenNotOwner() {
		Jwt jwt = jwt().claim("acc", "a").claim("sub", "s").claim("scope", "owner").build();
		assertThat(this.converter.convert(jwt).getAccount().owner()).isFalse();
	}

	@Test
	void convertWhenNoAccountClaimThenAccountClaimMissing() {
		Jwt jwt = jwt().claim("sub", "alice").build();
		assertThatExceptionOfType(AccountClaimMissingException.class).isThrownBy(() -> this.converter.convert(jwt))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token"));
	}

	@Test
	void convertWhenBlankAccountClaimThenAccountClaimMissing() {
		Jwt jwt = jwt().claim("sub", "alice").claim("acc", "  ").build();
		assertThatExceptionOfType(AccountClaimMissingException.class).isThrownBy(() -> this.converter.convert(jwt));
	}

	@Test
	void convertWhenAccountClaimsPortalSessionCustomerThenAccountClaimMissing() {
		Jwt jwt = jwt().claim("sub", "mallory").claim("acc", AccountContext.CUSTOMER_ACCOUNT_PREFIX + "cus_1").build();
		assertThatExceptionOfType(AccountClaimMissingException.class).isThrownBy(() -> this.converter.convert(jwt));
	}

	private static Jwt.Builder jwt() {
		return Jwt.withTokenValue("t").header("alg", "RS256").expiresAt(Instant.now().plusSeconds(60));
	}

}
