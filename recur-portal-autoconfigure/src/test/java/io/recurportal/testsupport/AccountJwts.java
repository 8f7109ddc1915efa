package io.recurportal.testsupport;

import java.time.Instant;
import java.util.function.Consumer;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

import io.recurportal.account.AccountJwtAuthenticationConverter;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * spring-security-test's {@code jwt()} for the account API: the token's claims go
 * through the application's own {@link AccountJwtAuthenticationConverter}, as a real
 * bearer token's do, rather than becoming a plain {@code JwtAuthenticationToken} that
 * the portal would not know.
 */
public final class AccountJwts {

	private AccountJwts() {
	}

	/**
	 * Authenticates a request as the bearer of a validated JWT.
	 * @param claims sets the token's claims, {@code acc}, {@code sub} and {@code role} for example
	 * @return the post processor
	 */
	public static RequestPostProcessor accountJwt(Consumer<Jwt.Builder> claims) {
		return (request) -> {
			Jwt.Builder jwt = Jwt.withTokenValue("token")
				.header("alg", "none")
				.subject("user")
				.issuedAt(Instant.now())
				.expiresAt(Instant.now().plusSeconds(300));
			claims.accept(jwt);
			WebApplicationContext context = WebApplicationContextUtils
				.getRequiredWebApplicationContext(request.getServletContext());
			AccountJwtAuthenticationConverter converter = context.getBean(AccountJwtAuthenticationConverter.class);
			return authentication(converter.convert(jwt.build())).postProcessRequest(request);
		};
	}

}
