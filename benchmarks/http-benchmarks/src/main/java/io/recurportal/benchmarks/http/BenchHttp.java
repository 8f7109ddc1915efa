package io.recurportal.benchmarks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.recurportal.benchmarks.http.host.BenchHostApplication;
import io.recurportal.benchmarks.http.host.BenchTokens;
import io.recurportal.benchmarks.http.stripe.StripeData;

/**
 * The requests the benchmarks send to the bench host on 127.0.0.1: the account API,
 * the bare endpoint and the naive proxy with a bearer token per account (made once),
 * and the portal's browser flow (session by the server API, link, overview by cookie).
 */
final class BenchHttp {

	static final String API = "/api/subscriptions";

	static final String BARE = "/api/subscriptions/bench/bare";

	static final String NAIVE = "/bench/naive/subscriptions";

	static final String PORTAL = "/portal";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	private final String[] tokens;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	BenchHttp(int port, BenchTokens issuer, int accounts) {
		this.base = "http://127.0.0.1:" + port;
		this.tokens = new String[accounts];
		for (int i = 0; i < accounts; i++) {
			this.tokens[i] = issuer.issue(StripeData.accountId(i));
		}
	}

	HttpClient client() {
		return this.client;
	}

	/**
	 * A GET with account {@code i}'s bearer token.
	 * @param path the path
	 * @param account the account's number
	 * @return the request
	 */
	HttpRequest bearer(String path, int account) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(LoadGenerator.REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + this.tokens[account])
			.header("Accept", "application/json")
			.GET()
			.build();
	}

	HttpRequest anonymous(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(LoadGenerator.REQUEST_TIMEOUT).GET().build();
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("No answer to " + request.method() + " " + request.uri() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> expect(int status, HttpRequest request) {
		HttpResponse<String> response = send(request);
		if (response.statusCode() != status) {
			throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
					+ response.statusCode() + ", not " + status + ": " + abbreviate(response.body()));
		}
		return response;
	}

	/**
	 * What the host's backend does to send a customer to the portal: {@code POST
	 * /v1/portal/sessions} with the account as external id.
	 * @param account the account's number
	 * @return the path of the single-use link, {@code /portal/s/<token>}
	 */
	String createPortalSession(int account) {
		String body = "{\"externalId\":\"" + StripeData.accountId(account) + "\",\"returnUrl\":\""
				+ BenchHostApplication.RETURN_ORIGIN + "/account\"}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + "/v1/portal/sessions"))
			.timeout(LoadGenerator.REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + BenchHostApplication.SERVER_API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		JsonNode session = json.readTree(expect(200, request).body());
		return URI.create(session.get("url").asString()).getPath();
	}

	/**
	 * Opens a link as a browser does, once.
	 * @param linkPath the link's path
	 * @return the {@code Cookie} header value carrying the portal session
	 */
	String openLink(String linkPath) {
		HttpResponse<String> response = expect(302, HttpRequest.newBuilder(URI.create(this.base + linkPath))
			.timeout(LoadGenerator.REQUEST_TIMEOUT)
			.header("Accept-Language", "en")
			.GET()
			.build());
		List<String> cookies = response.headers().allValues("Set-Cookie");
		return cookies.stream()
			.filter((cookie) -> cookie.startsWith("recur_portal_session="))
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Opening " + linkPath + " set no portal cookie: " + cookies));
	}

	HttpRequest overview(String cookie) {
		return HttpRequest.newBuilder(URI.create(this.base + PORTAL))
			.timeout(LoadGenerator.REQUEST_TIMEOUT)
			.header("Cookie", cookie)
			.header("Accept-Language", "en")
			.GET()
			.build();
	}

	static String abbreviate(String text) {
		String flat = text.replaceAll("\\s+", " ");
		return (flat.length() > 300) ? flat.substring(0, 300) + "..." : flat;
	}

}
