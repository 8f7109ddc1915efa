package io.recurportal.autoconfigure;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Customizes the portal pages chain ({@code recur.portal.web.path} and {@code /recur-
 * portal/**}, portal session cookie) before it is built: declare beans of this type to
 * add filters, headers or rules of your own. They run in {@link
 * org.springframework.core.annotation.Order @Order}, after the portal's own settings,
 * so they can also change those. The chain itself has the order {@link
 * RecurPortalSecurityAutoConfiguration#PAGES_CHAIN_ORDER}.
 * <p>
 * Deliberately not a {@code Customizer<HttpSecurity>}: Spring Security applies every
 * bean of that type to every chain, the host's included.
 */
@FunctionalInterface
public interface PortalPagesSecurityCustomizer {

	/**
	 * Customizes the chain.
	 * @param http the chain's builder
	 */
	void customize(HttpSecurity http);

}
