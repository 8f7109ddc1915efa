package io.recurportal.benchmarks.http.host;

import java.util.LinkedHashMap;
import java.util.Map;

import com.stripe.StripeClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A host application as a README reader would write it: the starter with the Stripe
 * provider (pointed at the fake Stripe), the host's own resource-server {@code JwtDecoder},
 * and two controllers of the host's own: a bare endpoint and a naive Stripe proxy.
 */
@SpringBootApplication
public class BenchHostApplication {

	/** The server API key the bench's "backend" creates portal sessions with. */
	public static final String SERVER_API_KEY = "sk_bench_server_api";

	/** The origin portal sessions return to. */
	public static final String RETURN_ORIGIN = "http://127.0.0.1:9";

	/**
	 * Starts the host on a random port of 127.0.0.1.
	 * @param tokens the identity provider whose tokens the host accepts
	 * @param stripeApiBase the fake Stripe's base URL
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(BenchTokens tokens, String stripeApiBase) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		// The portal logs a warning for every 429; benchmark 3 provokes thousands and counts them itself.
		properties.put("logging.level.io.recurportal.billing.stripe.StripeErrorTranslator", "ERROR");
		properties.put("spring.thymeleaf.check-template-location", "false");
		// Only to keep the start-up quiet: the bench sends no webhooks.
		properties.put("recur.portal.webhook.secrets", "whsec_bench_unused");
		properties.put("recur.portal.billing", "stripe");
		properties.put("recur.portal.stripe.secret-key", "sk_test_bench_fake_stripe_on_loopback");
		properties.put("recur.portal.stripe.api-base", stripeApiBase);
		properties.put("recur.portal.api.secret-keys", SERVER_API_KEY);
		properties.put("recur.portal.allowed-return-origins", RETURN_ORIGIN);
		// Email login needs a mail sender with the Stripe provider; the bench opens links only.
		properties.put("recur.portal.login.enabled", "false");
		SpringApplication application = new SpringApplication(BenchHostApplication.class);
		application.setDefaultProperties(properties);
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("benchTokens", tokens));
		return application.run();
	}

	@Bean
	JwtDecoder jwtDecoder(BenchTokens tokens) {
		return tokens.decoder();
	}

	/**
	 * The client of the naive controller, as a host following seed 003 would build it:
	 * stripe-java's defaults (its own transport and retry policy), not the portal's.
	 */
	@Bean
	StripeClient naiveStripeClient(@Value("${recur.portal.stripe.api-base}") String apiBase,
			@Value("${recur.portal.stripe.secret-key}") String secretKey) {
		return StripeClient.builder().setApiKey(secretKey).setApiBase(apiBase).build();
	}

	/** The host's own endpoints under /bench: bearer tokens validated by the same decoder. */
	@Bean
	@Order(1)
	SecurityFilterChain benchSecurityFilterChain(HttpSecurity http) {
		http.securityMatcher("/bench/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> {
			}))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
