package io.recurportal.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Body limits over a real socket, so the bodies are really chunked: they declare no
 * length, and each limit is held on the bytes read.
 */
@SpringBootTest(classes = { TestHostApplication.class, RequestBodyLimitSocketTests.Config.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.api.secret-keys=sk_portal_limits", "recur.portal.base-url=https://billing.example.com",
				"recur.portal.webhook.secrets=whsec_limits" })
class RequestBodyLimitSocketTests {

	// Far more than any limit: a server that reads it all has no limit.
	private static final long ENDLESS = 256L * 1024 * 1024;

	@LocalServerPort
	private int port;

	@Test
	void chunkedApiBodyBeyondTheLimitIsRefusedBeforeAuthentication() throws IOException {
		String answer = exchange("POST /api/subscriptions/sync HTTP/1.1", "Content-Type: application/json",
				20 * 1024);
		assertThat(answer).startsWith("HTTP/1.1 413")
			.contains("application/problem+json")
			.contains("\"code\":\"payload_too_large\"");
	}

	@Test
	void chunkedServerApiBodyBeyondTheLimitIsRefusedInRecursEnvelope() throws IOException {
		String answer = exchange("POST /v1/portal/sessions HTTP/1.1",
				"Content-Type: application/json\r\nAuthorization: Bearer sk_portal_limits", 20 * 1024);
		assertThat(answer).startsWith("HTTP/1.1 413")
			.contains("{\"error\":{")
			.contains("\"code\":\"payload_too_large\"")
			.contains("\"type\":\"invalid_request_error\"");
	}

	@Test
	void chunkedServerApiBodyWithinTheLimitIsRead() throws IOException {
		byte[] body = "{\"customerId\":\"cus_active\",\"returnUrl\":\"https://app.example.com/\"}"
			.getBytes(StandardCharsets.UTF_8);
		String answer = exchange("POST /v1/portal/sessions HTTP/1.1",
				"Content-Type: application/json\r\nAuthorization: Bearer sk_portal_limits", body);
		assertThat(answer).startsWith("HTTP/1.1 200").contains("\"object\":\"portal.session\"");
	}

	@Test
	void chunkedPortalFormBeyondTheLimitIsRefused() throws IOException {
		String answer = exchange("POST /portal/profile HTTP/1.1", "Content-Type: application/x-www-form-urlencoded",
				100 * 1024);
		assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"payload_too_large\"");
	}

	@Test
	void endlessWebhookBodyIsRefusedBeforeTheSignatureAndTheConnectionClosed() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(1));
			OutputStream out = socket.getOutputStream();
			out.write(("POST /webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Stripe-Signature: t=1,v1=00\r\nTransfer-Encoding: chunked\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			// Writes until the server stops reading and closes, or until far past any limit.
			CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
				byte[] chunk = chunk(8 * 1024);
				long total = 0;
				try {
					while (total < ENDLESS) {
						out.write(chunk);
						total += 8 * 1024;
					}
				}
				catch (IOException closed) {
					return total;
				}
				return -1L;
			});
			String answer = readAll(socket.getInputStream());
			assertThat(answer).startsWith("HTTP/1.1 413")
				.contains("\"code\":\"payload_too_large\"")
				.doesNotContain("invalid_signature");
			long sent = written.get(1, TimeUnit.MINUTES);
			// The server closed the connection long before the endless body ended: what was
			// sent is the limit, the container's bounded drain and the sockets' buffers.
			assertThat(sent).isNotNegative().isLessThan(ENDLESS / 4);
		}
	}

	private String exchange(String requestLine, String headers, int bodyBytes) throws IOException {
		byte[] body = new byte[bodyBytes];
		Arrays.fill(body, (byte) 'a');
		return exchange(requestLine, headers, body);
	}

	private String exchange(String requestLine, String headers, byte[] body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(1));
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: 127.0.0.1\r\n" + headers
					+ "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			for (int offset = 0; offset < body.length; offset += 4096) {
				int length = Math.min(4096, body.length - offset);
				out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(body, offset, length);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return readAll(socket.getInputStream());
		}
	}

	private static byte[] chunk(int size) {
		ByteArrayOutputStream chunk = new ByteArrayOutputStream();
		chunk.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		byte[] data = new byte[size];
		Arrays.fill(data, (byte) ' ');
		chunk.writeBytes(data);
		chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		return chunk.toByteArray();
	}

	// Everything until the server closes; a reset after the answer counts as closing.
	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				answer.write(buffer, 0, read);
			}
		}
		catch (IOException reset) {
			if (answer.size() == 0) {
				throw reset;
			}
		}
		return answer.toString(StandardCharsets.UTF_8);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return new TestJwts().decoder();
		}

	}

}
