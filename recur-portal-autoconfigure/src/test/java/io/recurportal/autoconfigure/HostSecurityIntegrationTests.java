package io.recurportal.autoconfigure;

import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Adding the starter leaves the host's own security as it was: the portal's chain
 * matches only the portal's paths.
 */
class HostSecurityIntegrationTests {

	static final TestJwts jwts = new TestJwts();

	@TestConfiguration(proxyBeanMethods = false)
	static class CustomerResolverConfig {

		@Bean
		AccountCustomerResolver accountCustomerResolver() {
			return (account) -> Optional.empty();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class JwtDecoderConfig {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class HostChainConfig {

		@Bean
		SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/host/public")
				.permitAll()
				.anyRequest()
				.authenticated()).httpBasic(Customizer.withDefaults());
			return http.build();
		}

	}

	@Nested
	@SpringBootTest(classes = { TestHostApplication.class, CustomerResolverConfig.class })
	@AutoConfigureMockMvc
	class HostRelyingOnBootDefaultSecurity {

		@Autowired
		MockMvc mvc;

		@Test
		void hostEndpointStillNeedsAuthentication() throws Exception {
			this.mvc.perform(get("/host/hello")).andExpect(status().isUnauthorized());
			this.mvc.perform(get("/host/public")).andExpect(status().isUnauthorized());
		}

		@Test
		void portalApiWithoutJwtDecoderRejectsEveryToken() throws Exception {
			this.mvc
				.perform(get("/api/subscriptions/identity").header(HttpHeaders.AUTHORIZATION,
						"Bearer " + jwts.token("acct_active", "alice", "owner")))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.code").value("invalid_token"));
		}

	}

	@Nested
	@SpringBootTest(classes = { TestHostApplication.class, CustomerResolverConfig.class, JwtDecoderConfig.class })
	@AutoConfigureMockMvc
	class HostRelyingOnBootResourceServerSecurity {

		@Autowired
		MockMvc mvc;

		@Test
		void hostEndpointStillNeedsAuthentication() throws Exception {
			this.mvc.perform(get("/host/hello")).andExpect(status().isUnauthorized());
		}

		@Test
		void portalApiWorks() throws Exception {
			this.mvc
				.perform(get("/api/subscriptions/identity").header(HttpHeaders.AUTHORIZATION,
						"Bearer " + jwts.token("acct_active", "alice", "owner")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.account_id").value("acct_active"));
		}

	}

	@Nested
	@SpringBootTest(classes = { TestHostApplication.class, CustomerResolverConfig.class, JwtDecoderConfig.class,
			HostChainConfig.class })
	@AutoConfigureMockMvc
	class HostWithItsOwnChain {

		@Autowired
		MockMvc mvc;

		@Test
		void hostChainIsUntouched() throws Exception {
			this.mvc.perform(get("/host/public")).andExpect(status().isOk()).andExpect(content().string("public"));
			this.mvc.perform(get("/host/hello"))
				.andExpect(status().isUnauthorized())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
					.string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith("Basic")));
		}

		@Test
		void portalApiStillWorks() throws Exception {
			this.mvc
				.perform(get("/api/subscriptions/identity").header(HttpHeaders.AUTHORIZATION,
						"Bearer " + jwts.token("acct_active", "bob", "member")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.owner").value(false))
				.andExpect(jsonPath("$.configuration").value("invoices"));
		}

		@Test
		void portalApiIsNotOpenedByTheHostsBasicAuth() throws Exception {
			this.mvc.perform(get("/api/subscriptions/identity").header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwdw=="))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.code").value("unauthenticated"));
		}

	}

}
