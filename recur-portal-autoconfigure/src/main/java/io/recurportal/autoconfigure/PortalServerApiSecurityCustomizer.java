package io.recurportal.autoconfigure;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Customizes the portal's server API chain ({@code recur.portal.api.server-path},
 * portal secret key) before it is built: declare beans of this type to add filters,
 * headers or rules of your own. They run in {@link
 * org.springframework.core.annotation.Order @Order}, after the portal's own settings,
 * so they can also change those. The chain itself has the order {@link
 * RecurPortalSecurityAutoConfiguration#SERVER_API_CHAIN_ORDER}.
 * <p>
 * Deliberately not a {@code Customizer<HttpSecurity>}: Spring Security applies every
 * bean of that type to every chain, the host's included.
 */
@FunctionalInterface
public interface PortalServerApiSecurityCustomizer {

	/**
	 * Customizes the chain.
	 * @param http the chain's builder
	 */
	void customize(HttpSecurity http);

}
