package io.recurportal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import io.recurportal.login.LoginLink;
import io.recurportal.login.LoginLinkSender;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.testsupport.TestHostApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links and redirects on a real server, with no {@code recur.portal.base-url} and the
 * sandbox: whatever {@code Host} or forwarded headers a request names (a client can name
 * any), links are on the sandbox's own loopback origin and redirects stay relative. The
 * host honours forwarded headers, as the README advises behind a proxy, so they reach the
 * request. MockMvc cannot show this: the servlet container is what turns a relative
 * redirect into an absolute one.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalLinkOriginTests.Config.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.api.secret-keys=sk_portal_origin", "server.forward-headers-strategy=framework" })
class PortalLinkOriginTests {

	private static final String RETURN = "https://app.example.com/account";

	private static final String[] FORGED_HOSTS = { "evil.example", "evil.example:4443" };

	private static final String FORGED_FORWARDED_HEADERS = "X-Forwarded-Host: evil.example\r\n"
			+ "X-Forwarded-Proto: https\r\nX-Forwarded-Port: 4443\r\n"
			+ "Forwarded: host=evil.example;proto=https\r\n";

	@LocalServerPort
	private int port;

	@Autowired
	private PortalSessions sessions;

	@Autowired
	private BlockingQueue<LoginLink> sentLinks;

	@Test
	void loginLinkIsOnTheLoopbackOriginWhateverTheHost() throws Exception {
		for (String host : FORGED_HOSTS) {
			Response form = send("GET", "/portal/login", host, null, null);
			assertThat(form.status()).isEqualTo(200);
			String csrf = find(form.body(), "name=\"_csrf\" value=\"([^\"]+)\"");
			String cookie = find(form.headers().get("set-cookie"), "(recur_portal_csrf=[^;]+)");
			Response sent = send("POST", "/portal/login", host, cookie,
					"email=alice%40example.com&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
			assertThat(sent.status()).isEqualTo(200);
			LoginLink link = this.sentLinks.poll(10, TimeUnit.SECONDS);
			assertThat(link).as("a login link is sent").isNotNull();
			assertThat(link.url()).startsWith("http://localhost:" + this.port + "/portal/s/c_")
				.doesNotContain("evil");
		}
	}

	@Test
	void sessionUrlsAreOnTheLoopbackOriginWhateverTheHost() throws Exception {
		assertThat(this.sessions.create(PortalSessionRequest.forCustomer("cus_other", RETURN)).url())
			.startsWith("http://localhost:" + this.port + "/portal/s/");
		for (String host : FORGED_HOSTS) {
			Response created = send("POST", "/v1/portal/sessions", host, null,
					"{\"customerId\":\"cus_other\",\"returnUrl\":\"" + RETURN + "\"}");
			assertThat(created.status()).isEqualTo(200);
			assertThat(find(created.body(), "\"url\":\"([^\"]+)\""))
				.startsWith("http://localhost:" + this.port + "/portal/s/");
		}
	}

	@Test
	void redirectsStayRelativeWhateverTheHost() throws Exception {
		for (String host : FORGED_HOSTS) {
			String url = this.sessions.create(PortalSessionRequest.forCustomer("cus_other", RETURN)).url();
			Response opened = send("GET", url.substring(url.indexOf("/portal/s/")), host, null, null);
			assertThat(opened.status()).isEqualTo(302);
			assertThat(opened.headers().get("location")).isEqualTo("/portal");
		}
	}

	@Test
	void apiChallengeNamesNoForgedHost() throws Exception {
		for (String host : FORGED_HOSTS) {
			Response challenged = send("GET", "/api/subscriptions", host, null, null);
			assertThat(challenged.status()).isEqualTo(401);
			assertThat(challenged.headers().get("www-authenticate")).isEqualTo("Bearer resource_metadata=\"http://localhost:"
					+ this.port + "/.well-known/oauth-protected-resource\"");
		}
	}

	private Response send(String method, String path, String host, String cookie, String body) throws IOException {
		StringBuilder request = new StringBuilder(
				method + " " + path + " HTTP/1.0\r\nHost: " + host + "\r\n" + FORGED_FORWARDED_HEADERS);
		if (cookie != null) {
			request.append("Cookie: ").append(cookie).append("\r\n");
		}
		if (body != null) {
			boolean json = body.startsWith("{");
			request.append("Content-Type: ")
				.append(json ? "application/json" : "application/x-www-form-urlencoded")
				.append("\r\n");
			if (json) {
				request.append("Authorization: Bearer sk_portal_origin\r\n");
			}
			request.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
		}
		request.append("\r\n");
		if (body != null) {
			request.append(body);
		}
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return Response.parse(answer.toString(StandardCharsets.UTF_8));
		}
	}

	private static String find(String text, String regex) {
		assertThat(text).isNotNull();
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
		return matcher.group(1);
	}

	record Response(int status, Map<String, String> headers, String body) {

		static Response parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			String[] lines = raw.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				// Several Set-Cookie lines: keep them all, one after the other.
				headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim(), (first, second) -> first + "\n" + second);
			}
			return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		BlockingQueue<LoginLink> sentLinks() {
			return new LinkedBlockingQueue<>();
		}

		@Bean
		LoginLinkSender capturingLoginLinkSender(BlockingQueue<LoginLink> sentLinks) {
			return sentLinks::add;
		}

	}

}
