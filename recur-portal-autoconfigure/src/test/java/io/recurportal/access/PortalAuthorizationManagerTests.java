package io.recurportal.access;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.method.HandlerMethod;

import io.recurportal.account.AccountAuthenticationToken;
import io.recurportal.account.AccountClaimNames;
import io.recurportal.account.AccountJwtAuthenticationConverter;
import io.recurportal.account.AccountContext;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurationResolver;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.error.PortalErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class PortalAuthorizationManagerTests {

	private final PortalConfigurations configurations = new PortalConfigurations(Set.of());

	private final PortalConfigurationResolver configurationResolver = mock(PortalConfigurationResolver.class);

	private final PortalAuthorizationManager manager = PortalAuthorizationManager
		.portalEndpoints(new AccountPortalCallerResolver(this.configurationResolver));

	@Test
	void authorizeWhenOwnerWithFeatureThenGranted() throws Exception {
		given(this.configurationResolver.resolve(any())).willReturn(this.configurations.get(PortalConfiguration.FULL));
		assertThat(authorize(account("owner"), "cancel").isGranted()).isTrue();
	}

	@Test
	void authorizeWhenMemberAndActionChangesBillingThenOwnerRequired() throws Exception {
		given(this.configurationResolver.resolve(any())).willReturn(this.configurations.get(PortalConfiguration.FULL));
		PortalAuthorizationDecision decision = authorize(account("member"), "cancel");
		assertThat(decision.isGranted()).isFalse();
		assertThat(decision.getCode()).isEqualTo(PortalErrorCode.OWNER_REQUIRED);
		assertThat(decision.toException().getErrorCode()).isEqualTo(PortalErrorCode.OWNER_REQUIRED);
	}

	@Test
	void authorizeWhenFeatureNotInConfigurationThenFeatureNotEnabled() throws Exception {
		given(this.configurationResolver.resolve(any()))
			.willReturn(this.configurations.get(PortalConfiguration.INVOICES));
		assertThat(authorize(account("owner"), "cancel").getCode()).isEqualTo(PortalErrorCode.FEATURE_NOT_ENABLED);
		assertThat(authorize(account("member"), "invoices").isGranted()).isTrue();
	}

	@Test
	void authorizeWhenNoAuthenticationThenAccountClaimMissing() throws Exception {
		assertThat(authorize(null, "invoices").getCode()).isEqualTo(PortalErrorCode.ACCOUNT_CLAIM_MISSING);
	}

	@Test
	void authorizeWhenJwtNotConvertedByPortalThenAccountClaimMissing() throws Exception {
		// A plain JwtAuthenticationToken never went through the portal's converter: no account.
		JwtAuthenticationToken plain = new JwtAuthenticationToken(jwt(), List.of());
		assertThat(authorize(plain, "invoices").getCode()).isEqualTo(PortalErrorCode.ACCOUNT_CLAIM_MISSING);
		assertThat(authorize(new TestingAuthenticationToken("user", "pw", "ROLE_owner"), "invoices").getCode())
			.isEqualTo(PortalErrorCode.ACCOUNT_CLAIM_MISSING);
	}

	@Test
	void authorizeWhenPlainJwtAndConverterThenReadThroughTheConverter() throws Exception {
		// What spring-security-test's jwt() makes in a host's test: the same claims mapping applies.
		PortalAuthorizationManager manager = PortalAuthorizationManager.portalEndpoints(
				new AccountPortalCallerResolver(this.configurationResolver,
						new AccountJwtAuthenticationConverter(AccountClaimNames.DEFAULT)));
		given(this.configurationResolver.resolve(any()))
			.willReturn(this.configurations.get(PortalConfiguration.INVOICES));
		Jwt withAccount = Jwt.withTokenValue("t").header("alg", "RS256").subject("bob").claim("acc", "acct_1")
			.claim("role", "member").expiresAt(Instant.now().plusSeconds(60)).build();
		assertThat(manager.authorize(() -> new JwtAuthenticationToken(withAccount, List.of()), handler("invoices"))
			.isGranted()).isTrue();
		assertThat(manager.authorize(() -> new JwtAuthenticationToken(withAccount, List.of()), handler("cancel"))
			.getCode()).isEqualTo(PortalErrorCode.FEATURE_NOT_ENABLED);
		assertThat(manager.authorize(() -> new JwtAuthenticationToken(jwt(), List.of()), handler("invoices"))
			.getCode()).isEqualTo(PortalErrorCode.ACCOUNT_CLAIM_MISSING);
	}

	@Test
	void authorizeWhenPublicThenGrantedWithoutCaller() throws Exception {
		assertThat(authorize(null, "open").isGranted()).isTrue();
		assertThat(PortalAuthorizationManager.declaresRule(handler("open"))).isTrue();
	}

	@Test
	void authorizeWhenNoRuleThenDeniedNotFound() throws Exception {
		given(this.configurationResolver.resolve(any())).willReturn(this.configurations.get(PortalConfiguration.FULL));
		assertThat(authorize(account("owner"), "undeclared").getCode()).isEqualTo(PortalErrorCode.NOT_FOUND);
		assertThat(PortalAuthorizationManager.declaresRule(handler("undeclared"))).isFalse();
	}

	private PortalAuthorizationDecision authorize(@Nullable Authentication authentication, String method)
			throws Exception {
		return this.manager.authorize(() -> authentication, handler(method));
	}

	private static HandlerMethod handler(String method) throws Exception {
		return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(method));
	}

	private static AccountAuthenticationToken account(String role) {
		return new AccountAuthenticationToken(jwt(), new AccountContext("acct_1", "alice", Set.of(role),
				"owner".equals(role)), List.of());
	}

	private static Jwt jwt() {
		return Jwt.withTokenValue("t").header("alg", "RS256").subject("alice").expiresAt(Instant.now().plusSeconds(60))
			.build();
	}

	static class Handlers {

		@PortalEndpoint(PortalAction.CANCEL_SUBSCRIPTION)
		void cancel() {
		}

		@PortalEndpoint(PortalAction.VIEW_INVOICES)
		void invoices() {
		}

		@PortalEndpoint.Public("test")
		void open() {
		}

		void undeclared() {
		}

	}

}
