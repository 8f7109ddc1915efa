package io.recurportal.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's own security: its pages, the demo token endpoint and the health endpoint
 * are open, anything else needs a bearer token. The portal's paths are secured by the starter's own chain.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurityConfiguration {

	@Bean
	DemoTokens demoTokens() {
		return new DemoTokens();
	}

	@Bean
	JwtDecoder jwtDecoder(DemoTokens tokens) {
		return tokens.decoder();
	}

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/account", "/demo/token", "/sample.css", "/account.js", "/error")
			.permitAll()
			// For load balancers and probes; Actuator exposes no other endpoint (application.yml).
			.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> {
			}))
			// The token endpoint takes no ambient credential (no cookie, no session), so a
			// forged cross-site request gains nothing.
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/demo/token"));
		return http.build();
	}

}
