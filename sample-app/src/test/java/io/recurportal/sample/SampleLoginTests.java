package io.recurportal.sample;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.recurportal.login.LoggingLoginLinkSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "try the static login link locally" through real HTTP: the sandbox logs
 * the link, and the link opens the portal once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleLoginTests {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern LINK = Pattern.compile("(http://[^ ]+/portal/s/c_[A-Za-z0-9_-]{43})");

	private final HttpClient http = HttpClient.newHttpClient();

	private final BlockingQueue<String> logged = new LinkedBlockingQueue<>();

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			SampleLoginTests.this.logged.add(event.getFormattedMessage());
		}

	};

	@LocalServerPort
	private int port;

	@BeforeEach
	void captureLoginLinks() {
		this.appender.start();
		logger().addAppender(this.appender);
	}

	@AfterEach
	void stopCapturing() {
		logger().detachAppender(this.appender);
	}

	@Test
	void aliceGetsALinkInTheLogThatOpensThePortalOnce() throws Exception {
		HttpResponse<String> form = send(HttpRequest.newBuilder(uri("/portal/login")).build());
		assertThat(form.statusCode()).isEqualTo(200);
		Matcher csrf = CSRF_FIELD.matcher(form.body());
		assertThat(csrf.find()).as(form.body()).isTrue();
		String csrfCookie = form.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("recur_portal_csrf="))
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElseThrow();
		HttpResponse<String> sent = send(HttpRequest.newBuilder(uri("/portal/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", csrfCookie)
			.POST(HttpRequest.BodyPublishers.ofString("email=alice%40example.com&configuration=full&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build());
		assertThat(sent.statusCode()).isEqualTo(200);
		assertThat(sent.body()).contains("If that email belongs to a customer");
		String message = this.logged.poll(10, TimeUnit.SECONDS);
		assertThat(message).isNotNull().contains("alice@example.com");
		Matcher link = LINK.matcher(message);
		assertThat(link.find()).as(message).isTrue();
		assertThat(link.group(1)).startsWith("http://localhost:" + this.port + "/portal/s/");
		// The link leads to a page (mail scanners fetch links): its button opens the portal.
		HttpResponse<String> page = send(
				HttpRequest.newBuilder(URI.create(link.group(1))).header("Cookie", csrfCookie).build());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Continue to billing");
		Matcher pageCsrf = CSRF_FIELD.matcher(page.body());
		assertThat(pageCsrf.find()).as(page.body()).isTrue();
		HttpResponse<String> opened = send(HttpRequest.newBuilder(URI.create(link.group(1)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", csrfCookie)
			.POST(HttpRequest.BodyPublishers
				.ofString("_csrf=" + URLEncoder.encode(pageCsrf.group(1), StandardCharsets.UTF_8)))
			.build());
		assertThat(opened.statusCode()).isEqualTo(302);
		assertThat(opened.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location)
			.endsWith("/portal"));
		assertThat(opened.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("recur_portal_session="));
		HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(link.group(1))).build());
		assertThat(again.statusCode()).isEqualTo(410);
	}

	private static Logger logger() {
		return (Logger) LoggerFactory.getLogger(LoggingLoginLinkSender.class);
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
