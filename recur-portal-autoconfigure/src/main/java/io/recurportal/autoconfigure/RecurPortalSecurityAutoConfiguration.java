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
import io.recurportal.account.AccountJwtAuthenticationConverter;
import io.recurportal.account.BearerProblemEntryPoint;
import io.recurportal.account.ExpiryRequiringJwtDecoder;
import io.recurportal.api.RequestBodyLimitFilter;
import io.recurportal.billing.BillingProvider;
import io.recurportal.error.RecurErrorEnvelope;
import io.recurportal.server.ServerApiErrorFilter;
import io.recurportal.server.ServerApiKeyFilter;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.PortalSessions;
import io.recurportal.web.PortalAccessDeniedHandler;
import io.recurportal.web.PortalSessionAuthenticationProvider;
import io.recurportal.web.SessionBoundCsrfTokenRepository;

/**
 * Auto-configuration of the portal's security filter chains. Each chain matches only
 * the portal's own paths, so the host's security is left as it was.
 * <p>
 * Identity lives in Spring Security: on the account API chain the resource server turns
 * the JWT into an {@link io.recurportal.account.AccountAuthenticationToken} with the
 * {@link AccountJwtAuthenticationConverter}; on the pages chain an
 * {@link org.springframework.security.web.authentication.AuthenticationFilter}
 * authenticates the portal session cookie into a
 * {@link io.recurportal.web.PortalSessionAuthenticationToken}. Each chain has its own
 * order ({@link #API_CHAIN_ORDER}, {@link #SERVER_API_CHAIN_ORDER},
 * {@link #PAGES_CHAIN_ORDER}) and is customized by beans of its customizer type
 * ({@link PortalApiSecurityCustomizer}, {@link PortalServerApiSecurityCustomizer},
 * {@link PortalPagesSecurityCustomizer}). Paths are matched with Boot's
 * {@link PathPatternRequestMatcher.Builder} bean when there is one, so a
 * {@code spring.mvc.servlet.path} is honoured.
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

	/** The order of the server API chain: before the host's catch-all chains. */
	public static final int SERVER_API_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 51;

	/** The order of the portal pages chain: before the host's catch-all chains. */
	public static final int PAGES_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 52;

	// The largest body the API takes is a checkout request with two URLs.
	private static final long MAX_API_BODY_BYTES = 16 * 1024;

	// The largest form is the billing profile: a few fields of at most a few hundred characters.
	private static final long MAX_FORM_BODY_BYTES = 64 * 1024;

	// No inline script or style anywhere; forms may lead to the provider's own pages.
	private static final String PORTAL_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self' https: data:; font-src 'self'; connect-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	private static final Log logger = LogFactory.getLog(RecurPortalSecurityAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	AccountJwtAuthenticationConverter recurPortalAccountJwtAuthenticationConverter(
			RecurPortalSecurityProperties security) {
		return new AccountJwtAuthenticationConverter(new AccountClaimNames(security.getAccountClaim(),
				security.getUserClaim(), security.getRoleClaim(), security.getOwnerRoles()));
	}

	@Bean
	@Order(API_CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "recurPortalApiSecurityFilterChain")
	SecurityFilterChain recurPortalApiSecurityFilterChain(HttpSecurity http, RecurPortalApiProperties api,
			ObjectProvider<JwtDecoder> jwtDecoders, AccountJwtAuthenticationConverter accountConverter,
			ObjectProvider<PathPatternRequestMatcher.Builder> pathMatchers, ObjectProvider<PortalLinks> links,
			ObjectProvider<PortalApiSecurityCustomizer> customizers) {
		JwtDecoder decoder = new ExpiryRequiringJwtDecoder(jwtDecoder(jwtDecoders));
		// The challenge's resource_metadata URL is on the configured origin, never the request's Host.
		PortalLinks portalLinks = links.getIfAvailable();
		BearerProblemEntryPoint entryPoint = (portalLinks != null)
				? new BearerProblemEntryPoint(portalLinks::applicationUrl) : new BearerProblemEntryPoint();
		http.securityMatcher(paths(pathMatchers).matcher(api.getPath() + "/**"))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			// A valid token that names no account fails here, answered by the entry point.
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(accountConverter))
				.authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// Bearer tokens only, never cookies: there is no ambient credential to forge.
			.csrf((csrf) -> csrf.disable())
			.addFilterBefore(new RequestBodyLimitFilter(MAX_API_BODY_BYTES), BearerTokenAuthenticationFilter.class);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
		return http.build();
	}

	@Bean
	@Order(SERVER_API_CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "recurPortalServerApiSecurityFilterChain")
	SecurityFilterChain recurPortalServerApiSecurityFilterChain(HttpSecurity http, RecurPortalApiProperties api,
			ObjectProvider<PathPatternRequestMatcher.Builder> pathMatchers,
			ObjectProvider<PortalServerApiSecurityCustomizer> customizers) {
		String serverPath = api.getServerPath();
		PathPatternRequestMatcher.Builder paths = paths(pathMatchers);
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
		customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
		return http.build();
	}

	@Bean
	@Order(PAGES_CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "recurPortalPagesSecurityFilterChain")
	SecurityFilterChain recurPortalPagesSecurityFilterChain(HttpSecurity http, RecurPortalWebProperties web,
			PortalSessions sessions, ObjectProvider<PortalAccessDeniedHandler> accessDeniedHandler,
			ObjectProvider<PathPatternRequestMatcher.Builder> pathMatchers,
			ObjectProvider<PortalPagesSecurityCustomizer> customizers, ObjectProvider<BillingProvider> provider) {
		String portalPath = web.getPath();
		String contentSecurityPolicy = contentSecurityPolicy(provider.getIfAvailable(BillingProvider::unknown));
		PathPatternRequestMatcher.Builder paths = paths(pathMatchers);
		// Tomcat turns a relative redirect into an absolute one on the request's Host, which
		// the client sets: redirects stay relative, as written.
		RelativeRedirectFilter relativeRedirects = new RelativeRedirectFilter();
		relativeRedirects.setRedirectStatus(HttpStatus.FOUND);
		http.securityMatcher(new OrRequestMatcher(paths.matcher(portalPath), paths.matcher(portalPath + "/**"),
				paths.matcher("/recur-portal/**")))
			// Who may see and do what is decided per handler, from the session's Authentication,
			// by the portal's AuthorizationManager.
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessionManagement) -> sessionManagement
				.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// Form tokens are bound to the portal session and computed, not stored: any instance checks them.
			.csrf((csrf) -> csrf.csrfTokenRepository(new SessionBoundCsrfTokenRepository(portalPath)))
			.exceptionHandling((exceptions) -> exceptions
				.accessDeniedHandler(accessDeniedHandler.getIfAvailable(PortalAccessDeniedHandler::new)))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy))
				.referrerPolicy((referrer) -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny()))
			.addFilterBefore(relativeRedirects, DisableEncodeUrlFilter.class)
			// Before the CSRF filter, whose reading of the form would read the body uncounted.
			.addFilterBefore(new RequestBodyLimitFilter(MAX_FORM_BODY_BYTES), CsrfFilter.class)
			// A live session cookie authenticates the browser; without one the page decides what to show.
			.addFilterBefore(PortalSessionAuthenticationProvider.authenticationFilter(sessions),
					AnonymousAuthenticationFilter.class);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
		return http.build();
	}

	/**
	 * Boot's matcher builder, which knows {@code spring.mvc.servlet.path}, else Spring
	 * Security's default.
	 * @param builders the builder bean, if any
	 * @return the builder to match the portal's paths with
	 */
	static PathPatternRequestMatcher.Builder paths(ObjectProvider<PathPatternRequestMatcher.Builder> builders) {
		return builders.getIfAvailable(PathPatternRequestMatcher::withDefaults);
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

	// The provider's hosted pages (checkout, billing portal) are where some forms lead.
	static String contentSecurityPolicy(BillingProvider provider) {
		StringBuilder policy = new StringBuilder(PORTAL_CONTENT_SECURITY_POLICY);
		provider.formActionOrigins().forEach((origin) -> policy.append(' ').append(origin));
		return policy.toString();
	}

}
