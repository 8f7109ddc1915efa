package io.recurportal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.recurportal.testsupport.TestHostApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors that happen before any portal handler runs, on a real server: Spring
 * Security's firewall, the container's refusal of {@code TRACE}, and paths nothing
 * serves. On the portal's paths each answers in the portal's format; elsewhere the
 * host's error handling is untouched. MockMvc cannot show this: the container's error
 * dispatch is what renders these answers.
 */
@SpringBootTest(classes = TestHostApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.api.secret-keys=sk_portal_edges", "recur.portal.base-url=https://billing.example.com" })
class PortalErrorDispatchSocketTests {

	@LocalServerPort
	private int port;

	@Test
	void firewallRejectionsUnderTheServerApiAreRecurEnvelopes() throws IOException {
		for (String path : new String[] { "/v1/portal/sessions;x=1", "/v1/portal/%2e%2e/sessions",
				"/v1//portal/sessions/x" }) {
			assertThat(send("GET", path, "application/json")).as(path)
				.startsWith("HTTP/1.1 400")
				.contains("{\"error\":{")
				.contains("\"code\":\"invalid_request\"")
				.doesNotContain("timestamp");
		}
	}

	@Test
	void firewallRejectionsUnderTheAccountApiAreProblems() throws IOException {
		for (String path : new String[] { "/api//subscriptions", "/api/subscriptions/%2e%2e/cancel",
				"/api/subscriptions;x=1" }) {
			assertThat(send("GET", path, "application/json")).as(path)
				.startsWith("HTTP/1.1 400")
				.contains("application/problem+json")
				.contains("\"code\":\"invalid_request\"")
				.doesNotContain("timestamp");
		}
	}

	@Test
	void firewallRejectionsUnderThePagesArePagesForBrowsersAndProblemsOtherwise() throws IOException {
		assertThat(send("GET", "/portal;x=1", "text/html")).startsWith("HTTP/1.1 400")
			.contains("text/html")
			.contains("<!DOCTYPE html>");
		assertThat(send("GET", "/portal;x=1", "application/json")).startsWith("HTTP/1.1 400")
			.contains("\"code\":\"invalid_request\"");
	}

	@Test
	void traceIsAStableMethodNotAllowedWithAllow() throws IOException {
		assertThat(send("TRACE", "/v1/portal/sessions", "application/json")).startsWith("HTTP/1.1 405")
			.containsIgnoringCase("Allow:")
			.contains("{\"error\":{")
			.contains("\"code\":\"method_not_allowed\"");
		assertThat(send("TRACE", "/api/subscriptions", "application/json")).startsWith("HTTP/1.1 405")
			.containsIgnoringCase("Allow:")
			.contains("application/problem+json")
			.contains("\"code\":\"method_not_allowed\"");
		assertThat(send("TRACE", "/portal", "text/html")).startsWith("HTTP/1.1 405").contains("<!DOCTYPE html>");
	}

	@Test
	void unknownPortalPathsAreThePortalsNotFound() throws IOException {
		for (String path : new String[] { "/portal/nope", "/portal/profile/", "/recur-portal/nope.js",
				"/portal/assets/nope.css" }) {
			assertThat(send("GET", path, "application/json")).as(path)
				.startsWith("HTTP/1.1 404")
				.contains("application/problem+json")
				.contains("\"code\":\"not_found\"");
			assertThat(send("GET", path, "text/html")).as(path)
				.startsWith("HTTP/1.1 404")
				.contains("<!DOCTYPE html>");
		}
	}

	@Test
	void otherPathsKeepTheHostsErrorHandling() throws IOException {
		// The host's own security decides what its error page shows: here, nothing without a login.
		assertThat(send("GET", "/elsewhere;x=1", "application/json")).doesNotContain("\"code\"")
			.doesNotContain("{\"error\":{");
		assertThat(send("GET", "/portalx/nope", "application/json")).doesNotContain("\"code\"");
	}

	private String send(String method, String path, String accept) throws IOException {
		String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept
				+ "\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

}
