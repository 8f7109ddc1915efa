package io.recurportal.billing.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Stripe gateway's tests share: a local server standing in for Stripe, a gateway
 * pointed at it, Stripe-shaped JSON fixtures, and the requests the server saw.
 */
final class StripeTestSupport {

	/** Shaped like a test-mode secret key, so that redaction is tested on the real format. */
	static final String SECRET_KEY = "sk_test_51RecurPortalTestKey0000000000SecretDoNotLog";

	static final String PUBLISHABLE_KEY = "pk_test_51RecurPortalPublishable";

	/** The instant the gateway's clock stands at. */
	static final Instant NOW = Instant.parse("2026-08-20T10:00:00Z");

	static final int MAX_NETWORK_RETRIES = 2;

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private StripeTestSupport() {
	}

	static WireMockExtension server() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
	}

	static StripeClient client(WireMockExtension server, Duration readTimeout) {
		// No delay between retries: the tests count tries, not seconds.
		return StripeClients.create(SECRET_KEY, server.baseUrl(), MAX_NETWORK_RETRIES, Duration.ofSeconds(5),
				readTimeout, Duration.ZERO);
	}

	static StripeBillingGateway gateway(WireMockExtension server) {
		return gateway(server, Duration.ofSeconds(10));
	}

	static StripeBillingGateway gateway(WireMockExtension server, Duration readTimeout) {
		return new StripeBillingGateway(client(server, readTimeout), StripeGatewaySettings
			.forSecretKey(SECRET_KEY, PUBLISHABLE_KEY, Duration.ofSeconds(5), readTimeout),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	static String fixture(String name) {
		try (InputStream in = StripeTestSupport.class.getResourceAsStream(name)) {
			assertThat(in).as("fixture %s", name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A fixture with some fields changed, so variants need no copy of the whole object. */
	static String fixture(String name, Consumer<ObjectNode> edit) {
		ObjectNode node = (ObjectNode) jsonMapper.readTree(fixture(name));
		edit.accept(node);
		return jsonMapper.writeValueAsString(node);
	}

	/** A Stripe list object of the given objects. */
	static String list(String url, boolean hasMore, String... objects) {
		return "{\"object\": \"list\", \"url\": \"" + url + "\", \"has_more\": " + hasMore + ", \"data\": ["
				+ String.join(",", objects) + "]}";
	}

	/** A Stripe search result of the given objects. */
	static String searchResult(String url, String... objects) {
		return "{\"object\": \"search_result\", \"url\": \"" + url
				+ "\", \"has_more\": false, \"next_page\": null, \"data\": [" + String.join(",", objects) + "]}";
	}

	static ObjectNode object(String json) {
		return (ObjectNode) jsonMapper.readTree(json);
	}

	static ResponseDefinitionBuilder json(String body) {
		return WireMock.okJson(body).withHeader("Request-Id", "req_test");
	}

	static ResponseDefinitionBuilder error(int status, String type, @Nullable String code, String message,
			@Nullable String param, @Nullable String declineCode) {
		ObjectNode error = jsonMapper.createObjectNode();
		error.put("type", type);
		error.put("message", message);
		if (code != null) {
			error.put("code", code);
		}
		if (param != null) {
			error.put("param", param);
		}
		if (declineCode != null) {
			error.put("decline_code", declineCode);
		}
		ObjectNode body = jsonMapper.createObjectNode();
		body.set("error", error);
		return WireMock.aResponse()
			.withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("Request-Id", "req_error")
			.withBody(jsonMapper.writeValueAsString(body));
	}

	static ResponseDefinitionBuilder resourceMissing(String what, @Nullable String param) {
		return error(404, "invalid_request_error", "resource_missing", "No such " + what, param, null);
	}

	static List<Recorded> requests(WireMockExtension server) {
		return server.findAll(RequestPatternBuilder.allRequests()).stream().map(Recorded::of).toList();
	}

	static Recorded onlyRequest(WireMockExtension server) {
		List<Recorded> requests = requests(server);
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/**
	 * A request the server saw: its method, path, parameters (from the query, or the form
	 * body of a POST) and the headers the tests care about.
	 */
	record Recorded(String method, String path, Map<String, String> params, @Nullable String idempotencyKey,
			@Nullable String stripeVersion, @Nullable String authorization, @Nullable String contentType,
			@Nullable String userAgent) {

		static Recorded of(LoggedRequest request) {
			URI uri = URI.create(request.getUrl());
			String encoded = "POST".equals(request.getMethod().getName()) ? request.getBodyAsString()
					: uri.getRawQuery();
			return new Recorded(request.getMethod().getName(), uri.getPath(), decode(encoded),
					header(request, "Idempotency-Key"), header(request, "Stripe-Version"),
					header(request, "Authorization"), header(request, "Content-Type"),
					header(request, "User-Agent"));
		}

		private static @Nullable String header(LoggedRequest request, String name) {
			return request.containsHeader(name) ? request.getHeader(name) : null;
		}

		static Map<String, String> decode(@Nullable String encoded) {
			Map<String, String> params = new LinkedHashMap<>();
			if (encoded == null || encoded.isEmpty()) {
				return params;
			}
			for (String pair : encoded.split("&")) {
				int equals = pair.indexOf('=');
				String name = decodeComponent((equals < 0) ? pair : pair.substring(0, equals));
				String value = (equals < 0) ? "" : decodeComponent(pair.substring(equals + 1));
				assertThat(params).as("parameter %s sent once", name).doesNotContainKey(name);
				params.put(name, value);
			}
			return params;
		}

		private static String decodeComponent(String encoded) {
			return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
		}

		/**
		 * Asserts what every request to Stripe carries: the pinned API version, the key and,
		 * on a POST, a form body.
		 */
		Recorded assertStripeHeaders() {
			assertThat(this.stripeVersion).isEqualTo(Stripe.API_VERSION);
			assertThat(this.authorization).isEqualTo("Bearer " + SECRET_KEY);
			assertThat(this.userAgent).startsWith("Stripe/v1 JavaBindings/" + Stripe.VERSION);
			if ("POST".equals(this.method)) {
				assertThat(this.contentType).startsWith("application/x-www-form-urlencoded");
			}
			return this;
		}

	}

}
