package io.recurportal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query strings Tomcat cannot decode, over a real socket (MockMvc decodes nothing): a 400
 * in each part's format, never a 500 or a stack trace in the log.
 */
@SpringBootTest(classes = { TestHostApplication.class, InvalidQueryStringSocketTests.Config.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.api.secret-keys=sk_portal_query", "recur.portal.base-url=https://billing.example.com" })
@ExtendWith(OutputCaptureExtension.class)
class InvalidQueryStringSocketTests {

	private static final TestJwts jwts = new TestJwts();

	@LocalServerPort
	private int port;

	@Test
	void pagesAnswerTheErrorPage(CapturedOutput output) throws IOException {
		for (String target : new String[] { "/portal/login?x=%ff", "/portal/s/abc?x=%ff", "/portal?notice=%ff",
				"/portal/payment-method/complete?session_id=%ff%fe" }) {
			String answer = get(target, "Accept: text/html");
			assertThat(answer).as(target).startsWith("HTTP/1.1 400").contains("text/html");
		}
		assertNoStackTrace(output);
	}

	@Test
	void pagesAnswerAProblemToOtherClients(CapturedOutput output) throws IOException {
		String answer = get("/portal/login?x=%ff", "Accept: application/json");
		assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"invalid_request\"");
		assertNoStackTrace(output);
	}

	@Test
	void accountApiAnswersAProblem(CapturedOutput output) throws IOException {
		String answer = get("/api/subscriptions/activity?limit=%ff",
				"Authorization: Bearer " + jwts.token("acct_active", "alice", "owner"));
		assertThat(answer).startsWith("HTTP/1.1 400")
			.contains("application/problem+json")
			.contains("\"code\":\"invalid_request\"");
		assertNoStackTrace(output);
	}

	@Test
	void serverApiAnswersRecursEnvelope(CapturedOutput output) throws IOException {
		String answer = get("/v1/customers/entitlements?email=%ff", "Authorization: Bearer sk_portal_query");
		assertThat(answer).startsWith("HTTP/1.1 400")
			.contains("{\"error\":{")
			.contains("\"type\":\"invalid_request_error\"")
			.contains("\"code\":\"invalid_request\"");
		assertNoStackTrace(output);
	}

	@Test
	void brokenEscapeIsRefusedToo() throws IOException {
		String answer = get("/v1/customers/entitlements?email=%f", "Authorization: Bearer sk_portal_query");
		assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"invalid_request\"");
	}

	@Test
	void validUtf8StillWorks() throws IOException {
		String answer = get("/v1/customers/entitlements?email=%C3%A9t%C3%A9%40example.com",
				"Authorization: Bearer sk_portal_query");
		assertThat(answer).doesNotStartWith("HTTP/1.1 500").doesNotContain("\"code\":\"invalid_request\"");
	}

	private static void assertNoStackTrace(CapturedOutput output) {
		assertThat(output.getAll()).doesNotContain("InvalidParameterException")
			.doesNotContain("\tat ")
			.doesNotContain(" ERROR ");
	}

	private String get(String target, String header) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(1));
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return jwts.decoder();
		}

	}

}
