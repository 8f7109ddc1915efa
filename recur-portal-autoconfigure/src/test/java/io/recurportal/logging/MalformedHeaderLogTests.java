package io.recurportal.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import io.recurportal.testsupport.TestHostApplication;

import static io.recurportal.logging.CapturedLogs.assertNotLogged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose header line is malformed is refused by Tomcat, which logs the line
 * (at INFO, the first time in a JVM): with the portal, a bearer token in that line never
 * reaches the log at the levels a host runs with.
 */
@SpringBootTest(classes = TestHostApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "recur.portal.billing=sandbox", "recur.portal.api.secret-keys=sk_portal_k3yInTh3H3ad3rL1ne",
				"recur.portal.allowed-return-origins=https://app.example.com" })
@ExtendWith(OutputCaptureExtension.class)
class MalformedHeaderLogTests {

	private static final String KEY = "sk_portal_k3yInTh3H3ad3rL1ne";

	@LocalServerPort
	private int port;

	@Test
	void malformedAuthorizationHeaderIsRefusedWithoutLoggingTheKey(CapturedOutput output) throws IOException {
		String answer = send("GET /v1/customers/entitlements?customer_id=cus_1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Authorization: Bearer " + KEY + "\u0001\r\nConnection: close\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400");
		assertNotLogged(output.getAll(), "the portal secret key", KEY);
		// Tomcat logs at INFO once per JVM: the level shows the line stays out every time.
		assertThat(LoggingSystem.get(getClass().getClassLoader())
			.getLoggerConfiguration("org.apache.coyote.http11.Http11Processor")
			.getEffectiveLevel()).isEqualTo(LogLevel.WARN);
	}

	@Test
	void hostsOwnLevelWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("host",
					Map.of("logging.level.org.apache.coyote.http11.Http11Processor", "DEBUG")));
		new SecretSafeLoggingDefaults().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.level.org.apache.coyote.http11.Http11Processor"))
			.isEqualTo("DEBUG");
		assertThat(environment.getProperty("logging.level.org.apache.tomcat.util.http.parser.Cookie")).isEqualTo("WARN");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(1));
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
