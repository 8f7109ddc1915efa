package io.recurportal.benchmarks.storm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.recurportal.benchmarks.storm.StripeObjects.InvoiceState;
import io.recurportal.benchmarks.storm.StripeObjects.SubscriptionState;

/**
 * Stripe's read API for the storm's renewals on 127.0.0.1 (the JDK's HTTP server), with
 * Stripe's rate limit: every answer takes the configured latency, and beyond
 * {@code perSecond} requests a second (a token bucket of that size) it answers
 * {@code 429} with Stripe's {@code rate_limit_error} body at once.
 * <p>
 * It keeps each renewal's current state, which the storm changes as Stripe would
 * (renewed, invoice finalized, paid or failed), and counts the requests naming each
 * object: {@code GET /v1/subscriptions/sub_...} counts for that subscription, a list by
 * customer for that customer. 429s count too, since the portal spent a try on them.
 */
final class FakeStripe implements AutoCloseable {

	private static final Pattern OBJECT = Pattern.compile("/v1/(customers|subscriptions|invoices|payment_methods)/"
			+ "(cus|sub|in|pm)_storm(\\d+)(_\\d)?");

	private static final Pattern SEARCH_BY_ACCOUNT = Pattern.compile("metadata\\['recur_account_id'\\]:'acct-storm-(\\d+)'");

	private static final String RATE_LIMITED = "{\"error\":{\"type\":\"rate_limit_error\",\"code\":\"rate_limit\","
			+ "\"message\":\"Too many requests hit the API too quickly. We recommend an exponential backoff of your "
			+ "requests.\",\"doc_url\":\"https://stripe.com/docs/error-codes/rate-limit\"}}";

	private final StripeObjects objects = new StripeObjects();

	private final int renewals;

	private final long[] renewedAt;

	private final AtomicIntegerArray subscriptionStates;

	private final AtomicIntegerArray invoiceStates;

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, LongAdder> callsByObject = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> callsByRequest = new ConcurrentHashMap<>();

	private final LongAdder total = new LongAdder();

	private final LongAdder rateLimited = new LongAdder();

	private final AtomicInteger requestIds = new AtomicInteger();

	private final long latencyMillis;

	private final TokenBucket bucket;

	FakeStripe(int renewals, long[] renewedAt, long latencyMillis, int perSecond) throws IOException {
		this.renewals = renewals;
		this.renewedAt = renewedAt;
		this.subscriptionStates = new AtomicIntegerArray(renewals);
		this.invoiceStates = new AtomicIntegerArray(renewals);
		this.latencyMillis = latencyMillis;
		this.bucket = new TokenBucket(perSecond);
		// Enough threads that the latency is served to every concurrent caller, never queued.
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(256, (task) -> {
			Thread thread = new Thread(task, "fake-stripe-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	StripeObjects objects() {
		return this.objects;
	}

	void subscription(int i, SubscriptionState state) {
		this.subscriptionStates.set(i, state.ordinal());
	}

	void invoice(int i, InvoiceState state) {
		this.invoiceStates.set(i, state.ordinal());
	}

	SubscriptionState subscription(int i) {
		return SubscriptionState.values()[this.subscriptionStates.get(i)];
	}

	/** Requests since the start, 429s included. */
	long total() {
		return this.total.sum();
	}

	long rateLimited() {
		return this.rateLimited.sum();
	}

	/** Requests by object id, for the objects the storm is about. */
	Map<String, Long> callsByObject() {
		Map<String, Long> counts = new TreeMap<>();
		this.callsByObject.forEach((key, count) -> counts.put(key, count.sum()));
		return counts;
	}

	/** Requests by method and path, ids folded to {@code {id}}. */
	Map<String, Long> callsByRequest() {
		Map<String, Long> counts = new TreeMap<>();
		this.callsByRequest.forEach((key, count) -> counts.put(key, count.sum()));
		return counts;
	}

	/** Forgets the counts, after warming up. */
	void reset() {
		this.callsByObject.clear();
		this.callsByRequest.clear();
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
			Map<String, List<String>> params = params(exchange.getRequestURI().getRawQuery());
			this.total.increment();
			count(method, path, params);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("Request-Id", "req_storm" + this.requestIds.incrementAndGet());
			if (!this.bucket.tryAcquire()) {
				this.rateLimited.increment();
				send(exchange, 429, RATE_LIMITED);
				return;
			}
			try {
				Thread.sleep(this.latencyMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			String body = answer(method, path, params);
			if (body == null) {
				send(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
						+ "\"message\":\"No such object: '" + path.replaceAll("[^A-Za-z0-9_/]", "") + "'\","
						+ "\"doc_url\":\"https://stripe.com/docs/error-codes/resource-missing\"}}");
			}
			else {
				send(exchange, 200, body);
			}
		}
	}

	private void count(String method, String path, Map<String, List<String>> params) {
		Matcher matcher = OBJECT.matcher(path);
		String object = null;
		if (matcher.matches()) {
			object = matcher.group(2) + "_storm" + matcher.group(3) + ((matcher.group(4) != null) ? matcher.group(4) : "");
		}
		else if (!first(params, "customer").isEmpty()) {
			object = first(params, "customer");
		}
		if (object != null) {
			this.callsByObject.computeIfAbsent(object, (key) -> new LongAdder()).increment();
		}
		String folded = path.replaceAll("/(cus|sub|in|pm|prod|price)_[A-Za-z0-9_]+", "/{id}");
		this.callsByRequest.computeIfAbsent(method + " " + folded, (key) -> new LongAdder()).increment();
	}

	private String answer(String method, String path, Map<String, List<String>> params) {
		if (!method.equals("GET")) {
			return null;
		}
		Matcher matcher = OBJECT.matcher(path);
		if (matcher.matches()) {
			int i = index(matcher.group(3));
			if (i < 0) {
				return null;
			}
			return switch (matcher.group(1)) {
				case "customers" -> (matcher.group(4) == null)
						? this.objects.customer(i, expands(params, "invoice_settings.default_payment_method")) : null;
				case "subscriptions" -> (matcher.group(4) == null) ? this.objects.subscription(i, subscription(i),
						this.renewedAt[i], expands(params, "items.data.price.product")) : null;
				case "invoices" -> invoice(i, "_1".equals(matcher.group(4)));
				case "payment_methods" -> (matcher.group(4) == null) ? this.objects.paymentMethod(i) : null;
				default -> null;
			};
		}
		if (path.equals("/v1/customers/search")) {
			Matcher account = SEARCH_BY_ACCOUNT.matcher(first(params, "query"));
			int i = account.find() ? index(account.group(1)) : -1;
			return (i >= 0) ? searchResult(path, this.objects.customer(i,
					expands(params, "data.invoice_settings.default_payment_method"))) : searchResult(path);
		}
		int customer = customerIndex(first(params, "customer"));
		if (path.equals("/v1/subscriptions")) {
			return (customer >= 0) ? list(path, this.objects.subscription(customer, subscription(customer),
					this.renewedAt[customer], false)) : list(path);
		}
		if (path.equals("/v1/invoices")) {
			if (customer < 0) {
				return list(path);
			}
			List<String> invoices = new ArrayList<>();
			if (subscription(customer) != SubscriptionState.BEFORE) {
				invoices.add(invoice(customer, true));
			}
			invoices.add(invoice(customer, false));
			return list(path, invoices.toArray(String[]::new));
		}
		if (path.equals("/v1/products")) {
			return list(path, "{\"id\":\"" + StripeObjects.PRODUCT_ID + "\",\"object\":\"product\",\"active\":true,"
					+ "\"created\":1767225600,\"default_price\":\"price_ProMonthly\",\"description\":\"For growing teams\","
					+ "\"images\":[],\"livemode\":false,\"marketing_features\":[],\"metadata\":{\"entitlements\":\"reports,api\"},"
					+ "\"name\":\"Pro\",\"package_dimensions\":null,\"shippable\":null,\"statement_descriptor\":null,"
					+ "\"tax_code\":null,\"type\":\"service\",\"unit_label\":null,\"updated\":1767225600,\"url\":null}");
		}
		return null;
	}

	private String invoice(int i, boolean renewal) {
		if (renewal && subscription(i) == SubscriptionState.BEFORE) {
			return null;
		}
		return this.objects.invoice(i, renewal, InvoiceState.values()[this.invoiceStates.get(i)], this.renewedAt[i]);
	}

	private int index(String digits) {
		try {
			int i = Integer.parseInt(digits);
			return (i < this.renewals) ? i : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private int customerIndex(String customerId) {
		return customerId.startsWith("cus_storm") ? index(customerId.substring("cus_storm".length())) : -1;
	}

	private static String list(String url, String... objects) {
		return "{\"object\":\"list\",\"url\":\"" + url + "\",\"has_more\":false,\"data\":[" + String.join(",", objects)
				+ "]}";
	}

	private static String searchResult(String url, String... objects) {
		return "{\"object\":\"search_result\",\"url\":\"" + url + "\",\"has_more\":false,\"next_page\":null,"
				+ "\"data\":[" + String.join(",", objects) + "]}";
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
