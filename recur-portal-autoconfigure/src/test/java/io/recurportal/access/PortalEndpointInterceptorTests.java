package io.recurportal.access;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;

import io.recurportal.account.AccountAuthenticationToken;
import io.recurportal.account.AccountContext;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class PortalEndpointInterceptorTests {

	private final PortalConfiguration full = new PortalConfigurations(Set.of()).get(PortalConfiguration.FULL);

	private final PortalCallerResolver callers = (authentication) -> Optional
		.ofNullable((authentication instanceof AccountAuthenticationToken token)
				? new PortalCaller(token.getAccount(), this.full) : null);

	private final SecurityContextHolderStrategy strategy = mock(SecurityContextHolderStrategy.class);

	private final PortalEndpointInterceptor interceptor = new PortalEndpointInterceptor(
			PortalAuthorizationManager.portalEndpoints(this.callers));

	private final PortalCallerArgumentResolver arguments = new PortalCallerArgumentResolver(this.callers);

	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/subscriptions/s/cancel");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	PortalEndpointInterceptorTests() {
		this.interceptor.setSecurityContextHolderStrategy(this.strategy);
		this.interceptor.setPortalPaths(List.of("/api/subscriptions/**"));
		this.arguments.setSecurityContextHolderStrategy(this.strategy);
	}

	@Test
	void preHandleWhenOwnerThenPassesAndLeavesNoRequestAttribute() throws Exception {
		authenticate(true);
		assertThat(this.interceptor.preHandle(this.request, this.response, handler("cancel"))).isTrue();
		assertThat(Collections.list(this.request.getAttributeNames())).isEmpty();
	}

	@Test
	void preHandleWhenMemberThenOwnerRequired() throws Exception {
		authenticate(false);
		assertThatExceptionOfType(PortalException.class)
			.isThrownBy(() -> this.interceptor.preHandle(this.request, this.response, handler("cancel")))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.OWNER_REQUIRED));
	}

	@Test
	void preHandleWhenNoAuthenticationThenAccountClaimMissing() throws Exception {
		given(this.strategy.getContext()).willReturn(new SecurityContextImpl());
		assertThatExceptionOfType(PortalException.class)
			.isThrownBy(() -> this.interceptor.preHandle(this.request, this.response, handler("cancel")))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.ACCOUNT_CLAIM_MISSING));
	}

	@Test
	void preHandleWhenUndeclaredUnderPortalPathsThenNotFound() throws Exception {
		authenticate(true);
		assertThat(this.interceptor.preHandle(this.request, this.response, handler("undeclared"))).isFalse();
		assertThat(this.response.getStatus()).isEqualTo(404);
		assertThat(this.response.getContentAsString()).contains("\"code\":\"not_found\"");
	}

	@Test
	void preHandleWhenUndeclaredElsewhereThenHostsOwn() throws Exception {
		MockHttpServletRequest hosts = new MockHttpServletRequest("GET", "/host/thing");
		assertThat(this.interceptor.preHandle(hosts, this.response, handler("undeclared"))).isTrue();
	}

	@Test
	void resolveArgumentWhenAuthenticatedThenCallerOfAuthentication() throws Exception {
		authenticate(true);
		Object caller = this.arguments.resolveArgument(parameter("cancel"), null,
				new ServletWebRequest(this.request), null);
		assertThat(caller).isEqualTo(new PortalCaller(new AccountContext("acct_1", "alice", Set.of("owner"), true),
				this.full));
	}

	@Test
	void resolveArgumentWhenHandlerDeclaresNoActionThenRefused() throws Exception {
		authenticate(true);
		assertThatIllegalStateException().isThrownBy(() -> this.arguments.resolveArgument(parameter("undeclared"),
				null, new ServletWebRequest(this.request), null));
	}

	private void authenticate(boolean owner) {
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice")
			.expiresAt(Instant.now().plusSeconds(60)).build();
		AccountContext account = new AccountContext("acct_1", "alice", Set.of(owner ? "owner" : "member"), owner);
		given(this.strategy.getContext())
			.willReturn(new SecurityContextImpl(new AccountAuthenticationToken(jwt, account, List.of())));
	}

	private static HandlerMethod handler(String method) throws Exception {
		return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(method, PortalCaller.class));
	}

	private static MethodParameter parameter(String method) throws Exception {
		return handler(method).getMethodParameters()[0];
	}

	static class Handlers {

		@PortalEndpoint(PortalAction.CANCEL_SUBSCRIPTION)
		void cancel(PortalCaller caller) {
		}

		void undeclared(PortalCaller caller) {
		}

	}

}
