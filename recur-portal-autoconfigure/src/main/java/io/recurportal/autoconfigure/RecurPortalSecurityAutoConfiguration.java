package io.recurportal.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.filter.RelativeRedirectFilter;

import io.recurportal.account.AccountClaimNames;
import io.recurportal.account.AccountContextFilter;
import io.recurportal.account.BearerProblemEntryPoint;
import io.recurportal.account.ExpiryRequiringJwtDecoder;
import io.recurportal.account.JwtAccountContextReader;
import io.recurportal.api.RequestBodyLimitFilter;
import io.recurportal.error.RecurErrorEnvelope;
import io.recurportal.server.ServerApiErrorFilter;
import io.recurportal.server.ServerApiKeyFilter;
import io.recurportal.session.PortalSessions;
import io.recurportal.web.PortalAccessDeniedHandler;
import io.recurportal.web.PortalBrowserSessionFilter;
import io.recurportal.web.SessionBoundCsrfTokenRepository;

/**
 * Auto-configuration of the portal's security filter chains. Each chain matches only
 * the portal's own paths, so the host's security is left as it was.
 * <p>
 * It runs after Boot's web security auto-configuration on purpose: when the host
 * declares no chain, Boot's default chain is registered first and keeps securing every
 * other endpoint; adding the portal's chain does not make it back off.
 */
@AutoConfiguration(after = RecurPortalAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class, BearerTokenAuthenticationFilter.class })
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ RecurPortalSecurityProperties.class, RecurPortalApiProperties.class,
		RecurPortalWebProperties.class })
public final class RecurPortalSecurityAutoConfiguration {

	/** The order of the account API chain: before the host's catch-all chains. */
	public static final int API_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

	// The largest body the API takes is a checkout request with two URLs.
	private static final long MAX_API_BODY_BYTES = 16 * 1024;

	// The largest form is the billing profile: a few fields of at most a few hundred characters.
	private static final long MAX_FORM_BODY_BYTES = 64 * 1024;

	// No inline script or style anywhere; forms may lead to Stripe's own pages.
	private static final String PORTAL_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self' https: data:; font-src 'self'; connect-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
			+ "form-action 'self' https://checkout.stripe.com https://billing.stripe.com";

	private static final Log logger = LogFactory.getLog(RecurPortalSecurityAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	JwtAccountContextReader recurPortalJwtAccountContextReader(RecurPortalSecurityProperties security) {
		return new JwtAccountContextReader(new AccountClaimNames(security.getAccountClaim(), security.getUserClaim(),
				security.getRoleClaim(), security.getOwnerRoles()));
	}

	@Bean
	@Order(API_CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "recurPortalApiSecurityFilterChain")
	SecurityFilterChain recurPortalApiSecurityFilterChain(HttpSecurity http, RecurPortalApiProperties api,
			ObjectProvider<JwtDecoder> jwtDecoders, JwtAccountContextReader accountContextReader) {
		JwtDecoder decoder = new ExpiryRequiringJwtDecoder(jwtDecoder(jwtDecoders));
		BearerProblemEntryPoint entryPoint = new BearerProblemEntryPoint();
		http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(api.getPath() + "/**"))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(decoder))
				.authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// Bearer tokens only, never cookies: there is no ambient credential to forge.
			.csrf((csrf) -> csrf.disable())
			.addFilterBefore(new RequestBodyLimitFilter(MAX_API_BODY_BYTES), BearerTokenAuthenticationFilter.class)
			.addFilterAfter(new AccountContextFilter(accountContextReader), BearerTokenAuthenticationFilter.class);
		return http.build();
	}

	@Bean
	@Order(API_CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "recurPortalServerApiSecurityFilterChain")
	SecurityFilterChain recurPortalServerApiSecurityFilterChain(HttpSecurity http, RecurPortalApiProperties api) {
		String serverPath = api.getServerPath();
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		RequestBodyLimitFilter bodyLimit = new RequestBodyLimitFilter(MAX_API_BODY_BYTES);
		bodyLimit.setRefusal(RecurErrorEnvelope::write);
		// The whole prefix is the server API's, so every answer under it, even a 404, is Recur's envelope.
		http.securityMatcher(paths.matcher(serverPath + "/**"))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// A secret key in a header, never a cookie: nothing for a forged request to ride on.
			.csrf((csrf) -> csrf.disable())
			.addFilterBefore(new ServerApiErrorFilter(), AnonymousAuthenticationFilter.class)
			.addFilterBefore(bodyLimit, AnonymousAuthenticationFilter.class)
			.addFilterBefore(new ServerApiKeyFilter(api.getSecretKeys()),
					AnonymousAuthenticationFilter.class);
		return http.build();
	}

	@Bean
	@Order(API_CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "recurPortalPagesSecurityFilterChain")
	SecurityFilterChain recurPortalPagesSecurityFilterChain(HttpSecurity http, RecurPortalWebProperties web,
			PortalSessions sessions, ObjectProvider<PortalAccessDeniedHandler> accessDeniedHandler) {
		String portalPath = web.getPath();
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		// Tomcat turns a relative redirect into an absolute one on the request's Host, which
		// the client sets: redirects stay relative, as written.
		RelativeRedirectFilter relativeRedirects = new RelativeRedirectFilter();
		relativeRedirects.setRedirectStatus(HttpStatus.FOUND);
		http.securityMatcher(new OrRequestMatcher(paths.matcher(portalPath), paths.matcher(portalPath + "/**"),
				paths.matcher("/recur-portal/**")))
			// Who may see and do what is decided per page by the portal session and the access policy.
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessionManagement) -> sessionManagement
				.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// Form tokens are bound to the portal session and computed, not stored: any instance checks them.
			.csrf((csrf) -> csrf.csrfTokenRepository(new SessionBoundCsrfTokenRepository(portalPath)))
			.exceptionHandling((exceptions) -> exceptions
				.accessDeniedHandler(accessDeniedHandler.getIfAvailable(PortalAccessDeniedHandler::new)))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(PORTAL_CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny()))
			.addFilterBefore(relativeRedirects, DisableEncodeUrlFilter.class)
			// Before the CSRF filter, whose reading of the form would read the body uncounted.
			.addFilterBefore(new RequestBodyLimitFilter(MAX_FORM_BODY_BYTES), CsrfFilter.class)
			.addFilterBefore(new PortalBrowserSessionFilter(sessions), AnonymousAuthenticationFilter.class);
		return http.build();
	}

	private static JwtDecoder jwtDecoder(ObjectProvider<JwtDecoder> jwtDecoders) {
		JwtDecoder decoder = jwtDecoders.getIfUnique();
		if (decoder != null) {
			return decoder;
		}
		logger.warn("recur-portal: no single JwtDecoder bean; the account API rejects every token. Set "
				+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri, public-key-location) "
				+ "or declare a JwtDecoder bean.");
		return (token) -> {
			throw new BadJwtException("No JWT decoder is configured");
		};
	}

}
