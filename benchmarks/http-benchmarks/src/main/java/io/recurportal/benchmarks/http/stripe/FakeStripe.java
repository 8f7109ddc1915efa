package io.recurportal.benchmarks.http.stripe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stripe's read API for {@link StripeData}'s accounts on 127.0.0.1, on the JDK's HTTP
 * server. It counts every request it receives by method and path (ids folded to
 * {@code {id}}), so a retry by the client's transport is counted like any other request;
 * and it can act like Stripe's test mode: a fixed latency on every answer, and a rate
 * limit beyond which it answers {@code 429} with Stripe's {@code rate_limit_error} at
 * once, without the latency.
 * <p>
 * The limit is a token bucket of {@code perSecond} tokens refilled continuously, so at
 * most {@code perSecond} requests are served in any second after a burst of that size.
 */
public final class FakeStripe implements AutoCloseable {
	private static final String DEFAULT_PAYMENT_METHOD = "invoice_settings.default_payment_method";


	private static final Pattern SEARCH_BY_ACCOUNT = Pattern.compile("metadata\\['recur_account_id'\\]:'([^']*)'");

	private static final Pattern ID_SEGMENT = Pattern.compile("/(cus|pm|sub|in|prod|price|si)_[A-Za-z0-9_]+");

	private static final String RATE_LIMITED = "{\"error\":{\"type\":\"rate_limit_error\",\"code\":\"rate_limit\","
			+ "\"message\":\"Too many requests hit the API too quickly. We recommend an exponential backoff of your "
			+ "requests.\",\"doc_url\":\"https://stripe.com/docs/error-codes/rate-limit\"}}";

	private final StripeData data;

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

	private final LongAdder rateLimited = new LongAdder();

	private final AtomicInteger requestIds = new AtomicInteger();

	private volatile long latencyNanos;

	private volatile TokenBucket bucket;

	public FakeStripe(StripeData data) throws IOException {
		this.data = data;
		// Enough threads that the latency is served to every concurrent caller, never queued.
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(160, (task) -> {
			Thread thread = new Thread(task, "fake-stripe-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * The base URL to point a Stripe client at.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Acts like Stripe's test mode.
	 * @param latency added to every answer that is not a 429
	 * @param perSecond requests per second served; beyond that a 429
	 */
	public void limit(Duration latency, int perSecond) {
		this.latencyNanos = latency.toNanos();
		this.bucket = new TokenBucket(perSecond);
	}

	/** Answers at once, whatever the rate. */
	public void unlimited() {
		this.latencyNanos = 0;
		this.bucket = null;
	}

	/**
	 * What was requested since the last {@link #reset()}.
	 * @return counts by {@code METHOD /path}, sorted
	 */
	public Map<String, Long> requests() {
		Map<String, Long> counts = new TreeMap<>();
		this.requests.forEach((key, count) -> counts.put(key, count.sum()));
		return counts;
	}

	/**
	 * All requests since the last {@link #reset()}.
	 * @return the total, 429s included
	 */
	public long total() {
		return this.requests.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/**
	 * Requests answered with a 429 since the last {@link #reset()}.
	 * @return the count
	 */
	public long rateLimited() {
		return this.rateLimited.sum();
	}

	/** Forgets the counts. */
	public void reset() {
		this.requests.clear();
		this.rateLimited.reset();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			this.requests.computeIfAbsent(method + " " + ID_SEGMENT.matcher(path).replaceAll("/{id}"),
					(key) -> new LongAdder()).increment();
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("Request-Id", "req_bench" + this.requestIds.incrementAndGet());
			TokenBucket limit = this.bucket;
			if (limit != null && !limit.tryAcquire()) {
				this.rateLimited.increment();
				send(exchange, 429, RATE_LIMITED);
				return;
			}
			long latency = this.latencyNanos;
			if (latency > 0) {
				try {
					Thread.sleep(latency / 1_000_000, (int) (latency % 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			String body = answer(method, path, params(exchange.getRequestURI().getRawQuery()));
			if (body == null) {
				send(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
						+ "\"message\":\"No such object: " + path.replace("\"", "") + "\"}}");
			}
			else {
				send(exchange, 200, body);
			}
		}
	}

	private String answer(String method, String path, Map<String, List<String>> params) {
		if (!method.equals("GET")) {
			return null;
		}
		if (path.equals("/v1/customers/search")) {
			Matcher matcher = SEARCH_BY_ACCOUNT.matcher(first(params, "query"));
			String customerId = matcher.find() ? this.data.customerIdOfAccount(matcher.group(1)) : null;
			return (customerId != null) ? StripeData.searchResult(path,
					this.data.customer(customerId, expands(params, "data." + DEFAULT_PAYMENT_METHOD)))
					: StripeData.searchResult(path);
		}
		if (path.startsWith("/v1/customers/")) {
			return this.data.customer(path.substring("/v1/customers/".length()),
					expands(params, DEFAULT_PAYMENT_METHOD));
		}
		if (path.equals("/v1/subscriptions")) {
			String list = this.data.subscriptionList(first(params, "customer"));
			return (list != null) ? list : StripeData.list(path);
		}
		if (path.equals("/v1/products")) {
			List<String> products = new ArrayList<>();
			params.forEach((name, values) -> {
				if (name.startsWith("ids[")) {
					values.stream().map(this.data::product).filter((product) -> product != null).forEach(products::add);
				}
			});
			return StripeData.list(path, products.toArray(String[]::new));
		}
		if (path.equals("/v1/invoices")) {
			String list = this.data.invoiceList(first(params, "customer"));
			return (list != null) ? list : StripeData.list(path);
		}
		if (path.startsWith("/v1/payment_methods/")) {
			return this.data.paymentMethod(path.substring("/v1/payment_methods/".length()));
		}
		return null;
	}

	private static boolean expands(Map<String, List<String>> params, String field) {
		return params.entrySet()
			.stream()
			.anyMatch((param) -> param.getKey().startsWith("expand[") && param.getValue().contains(field));
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static String first(Map<String, List<String>> params, String name) {
		List<String> values = params.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : "";
	}

	private static Map<String, List<String>> params(String rawQuery) {
		Map<String, List<String>> params = new TreeMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return params;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			params.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return params;
	}

	/** {@code perSecond} tokens a second, at most {@code perSecond} saved up. */
	private static final class TokenBucket {

		private final double perNano;

		private final double capacity;

		private double tokens;

		private long last = System.nanoTime();

		TokenBucket(int perSecond) {
			this.perNano = perSecond / 1e9;
			this.capacity = perSecond;
			this.tokens = perSecond;
		}

		synchronized boolean tryAcquire() {
			long now = System.nanoTime();
			this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perNano);
			this.last = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return true;
			}
			return false;
		}

	}

}
