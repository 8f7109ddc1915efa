package io.recurportal.billing.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful stand-in for the part of Stripe the hosted portal uses, on the JDK's HTTP
 * server: billing-portal configurations that are created, listed and updated, a fixed
 * list of prices, and idempotency keys honoured as Stripe honours them (the same key and
 * request answer the stored response, marked {@code Idempotent-Replayed}; the same key
 * with another request is an {@code idempotency_error}).
 */
final class FakeStripe implements AutoCloseable {

	private static final String CONFIGURATIONS_PATH = "/v1/billing_portal/configurations";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final String[] prices;

	private final List<StripeTestSupport.Recorded> requests = Collections.synchronizedList(new ArrayList<>());

	/** Guarded by this. */
	private final Map<String, StoredConfiguration> configurations = new LinkedHashMap<>();

	/** Guarded by this. */
	private final Map<String, Answer> answers = new HashMap<>();

	/** Guarded by this: seconds, one more for every write, as Stripe's {@code updated}. */
	private long clock = 1_784_000_000L;

	private volatile @Nullable CountDownLatch listLatch;

	FakeStripe(String... prices) throws IOException {
		this.prices = prices;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	/**
	 * Holds every list of configurations until that many have arrived, so that callers
	 * racing each other all see the state from before any of them wrote.
	 * @param callers how many lists to wait for
	 */
	void holdListsUntil(int callers) {
		this.listLatch = new CountDownLatch(callers);
	}

	List<StripeTestSupport.Recorded> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	List<StripeTestSupport.Recorded> writes() {
		return requests().stream().filter((request) -> request.method().equals("POST")).toList();
	}

	void clearRequests() {
		this.requests.clear();
	}

	synchronized List<StoredConfiguration> configurations() {
		return List.copyOf(this.configurations.values());
	}

	/** What a Dashboard user does who deletes the portal's metadata from a configuration. */
	synchronized void removeMetadata(String id) {
		this.configurations.get(id).metadata().clear();
		this.configurations.get(id).touch(++this.clock);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			String body = read(exchange.getRequestBody());
			String encoded = method.equals("POST") ? body : exchange.getRequestURI().getRawQuery();
			Map<String, String> params = StripeTestSupport.Recorded.decode(encoded);
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			this.requests.add(new StripeTestSupport.Recorded(method, path, params, key,
					exchange.getRequestHeaders().getFirst("Stripe-Version"),
					exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("User-Agent")));
			Answer answer = answer(method, path, params, key, body);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("Request-Id", "req_fake");
			if (answer.replayed()) {
				exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
			}
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), bytes.length);
			exchange.getResponseBody().write(bytes);
		}
	}

	private Answer answer(String method, String path, Map<String, String> params, @Nullable String key,
			String body) {
		if (method.equals("GET") && path.equals("/v1/prices")) {
			return Answer.ok(StripeTestSupport.list("/v1/prices", false, this.prices));
		}
		if (method.equals("GET") && path.equals(CONFIGURATIONS_PATH)) {
			awaitOtherLists();
			return list(params);
		}
		if (method.equals("GET") && path.startsWith(CONFIGURATIONS_PATH + "/")) {
			return retrieve(path.substring(CONFIGURATIONS_PATH.length() + 1));
		}
		if (method.equals("POST") && path.startsWith(CONFIGURATIONS_PATH)) {
			return idempotently(key, method + " " + path + "?" + body, () -> write(path, params));
		}
		return error(404, "invalid_request_error", "Unrecognized request URL (" + method + ": " + path + ")");
	}

	private void awaitOtherLists() {
		CountDownLatch latch = this.listLatch;
		if (latch == null) {
			return;
		}
		latch.countDown();
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The other callers never listed configurations");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private synchronized Answer list(Map<String, String> params) {
		List<StoredConfiguration> newestFirst = new ArrayList<>(this.configurations.values());
		Collections.reverse(newestFirst);
		int from = 0;
		String startingAfter = params.get("starting_after");
		if (startingAfter != null) {
			from = newestFirst.indexOf(this.configurations.get(startingAfter)) + 1;
		}
		int limit = Integer.parseInt(params.getOrDefault("limit", "10"));
		int to = Math.min(newestFirst.size(), from + limit);
		String[] page = newestFirst.subList(from, to).stream().map(StoredConfiguration::json).toArray(String[]::new);
		return Answer.ok(StripeTestSupport.list(CONFIGURATIONS_PATH, to < newestFirst.size(), page));
	}

	private synchronized Answer retrieve(String id) {
		StoredConfiguration configuration = this.configurations.get(id);
		return (configuration != null) ? Answer.ok(configuration.json())
				: error(404, "invalid_request_error", "No such configuration: '" + id + "'");
	}

	// Writes are serialized, as Stripe serializes requests with the same key.
	private synchronized Answer idempotently(@Nullable String key, String request,
			Supplier<Answer> write) {
		if (key == null) {
			return write.get();
		}
		Answer stored = this.answers.get(key);
		if (stored == null) {
			Answer answer = write.get();
			this.answers.put(key, new Answer(answer.status(), answer.body(), false, request));
			return answer;
		}
		if (!stored.request().equals(request)) {
			return error(400, "idempotency_error", "Keys for idempotent requests can only be used with the same "
					+ "parameters they were first used with");
		}
		return new Answer(stored.status(), stored.body(), true, request);
	}

	private Answer write(String path, Map<String, String> params) {
		long now = ++this.clock;
		if (path.equals(CONFIGURATIONS_PATH)) {
			String id = "bpc_fake" + (this.configurations.size() + 1);
			StoredConfiguration created = new StoredConfiguration(id, now);
			created.apply(params, now);
			this.configurations.put(id, created);
			return Answer.ok(created.json());
		}
		StoredConfiguration configuration = this.configurations.get(path.substring(CONFIGURATIONS_PATH.length() + 1));
		if (configuration == null) {
			return error(404, "invalid_request_error", "No such configuration");
		}
		configuration.apply(params, now);
		return Answer.ok(configuration.json());
	}

	private static Answer error(int status, String type, String message) {
		ObjectNode error = jsonMapper.createObjectNode().put("type", type).put("message", message);
		if (status == 404) {
			error.put("code", "resource_missing");
		}
		ObjectNode body = jsonMapper.createObjectNode();
		body.set("error", error);
		return new Answer(status, jsonMapper.writeValueAsString(body), false, "");
	}

	private static String read(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	private record Answer(int status, String body, boolean replayed, String request) {

		static Answer ok(String body) {
			return new Answer(200, body, false, "");
		}

	}

	/**
	 * A configuration as stored: its metadata merged over writes as Stripe merges it, and
	 * the parameters of the last write.
	 */
	static final class StoredConfiguration {

		private final String id;

		private final long created;

		private long updated;

		private boolean active = true;

		private final Map<String, String> metadata = new LinkedHashMap<>();

		private Map<String, String> lastWrite = Map.of();

		StoredConfiguration(String id, long created) {
			this.id = id;
			this.created = created;
			this.updated = created;
		}

		String id() {
			return this.id;
		}

		boolean active() {
			return this.active;
		}

		Map<String, String> metadata() {
			return this.metadata;
		}

		Map<String, String> lastWrite() {
			return this.lastWrite;
		}

		void touch(long now) {
			this.updated = now;
		}

		void apply(Map<String, String> params, long now) {
			params.forEach((name, value) -> {
				if (name.startsWith("metadata[")) {
					this.metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
				}
			});
			if (params.containsKey("active")) {
				this.active = Boolean.parseBoolean(params.get("active"));
			}
			// A write that only deactivates is not the configuration's content.
			if (params.size() > 1 || !params.containsKey("active")) {
				this.lastWrite = Map.copyOf(params);
			}
			this.updated = now;
		}

		String json() {
			ObjectNode node = jsonMapper.createObjectNode()
				.put("id", this.id)
				.put("object", "billing_portal.configuration")
				.put("active", this.active)
				.put("created", this.created)
				.put("updated", this.updated)
				.put("is_default", false)
				.put("livemode", false);
			ObjectNode metadata = node.putObject("metadata");
			this.metadata.forEach(metadata::put);
			return jsonMapper.writeValueAsString(node);
		}

	}

}
