package io.recurportal.billing.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpContent;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.metrics.PortalMetrics;

/**
 * How the portal talks HTTP to Stripe: stripe-java's requests sent with the JDK's
 * {@link java.net.http.HttpClient}, under the retry policy and deadlines the portal needs.
 * This is the only retry layer: stripe-java's own ({@code HttpClient#requestWithRetries})
 * is replaced, not wrapped.
 * <p>
 * Each try is one request on the wire. stripe-java's default transport,
 * {@code HttpURLConnection}, silently sends a request a second time when the connection
 * drops while waiting for the answer, and the JDK's client does the same for a GET; here
 * such a second request is refused before it is written, so every request Stripe receives
 * counts against {@code maxNetworkRetries}. Any I/O failure, a 409 (a concurrent request
 * holding a lock or the same key), any 5xx and whatever Stripe marks with
 * {@code Stripe-Should-Retry: true} is retried, up to {@code maxNetworkRetries} times. That
 * is safe because every POST carries an {@code Idempotency-Key} (ours, or one stripe-java
 * generates), resent unchanged on every try, so Stripe answers a retry of an applied
 * mutation from its idempotency cache. A 429 is retried only when Stripe marks it so (a
 * lock timeout, say); an unmarked rate limit is not retried, and its {@code Retry-After}
 * goes to the caller.
 * <p>
 * The delay between tries grows exponentially from a configurable start, with jitter, as
 * stripe-java's own; an answer's {@code Retry-After} makes it longer, never shorter.
 * <p>
 * Time is bounded twice. Each try has a deadline for the whole exchange, the answer's
 * body included (the request's read timeout): a body that stalls after the headers, or a
 * half-open connection, ends the try there. The whole call, all tries and the waits
 * between them, has a budget ({@code callTimeout}): a try gets at most what is left of
 * it, and a retry whose wait would not leave time to try is not made, so the caller hears
 * the last answer at once. A request thread is held at most that long.
 * <p>
 * HTTP/1.1 is used, and the system's proxy selector.
 */
final class StripeHttpClient extends HttpClient {

	/** The first delay between tries, as stripe-java's own. */
	static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);

	/** How long one call may take, all its tries and the waits between them included. */
	static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration MAX_DELAY = Duration.ofSeconds(5);

	private static final String SHOULD_RETRY_HEADER = "Stripe-Should-Retry";

	// The JDK sets these itself and refuses them from callers.
	private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade");

	private final java.net.http.HttpClient httpClient;

	private final Duration initialDelay;

	private final Duration callTimeout;

	private final PortalMetrics metrics;

	private final Clock clock;

	private final Sleeper sleeper;

	StripeHttpClient(Duration connectTimeout, Duration initialDelay) {
		this(connectTimeout, initialDelay, DEFAULT_CALL_TIMEOUT, PortalMetrics.none());
	}

	StripeHttpClient(Duration connectTimeout, Duration initialDelay, Duration callTimeout, PortalMetrics metrics) {
		this(connectTimeout, initialDelay, callTimeout, metrics, Clock.systemUTC(), Sleeper.THREAD);
	}

	StripeHttpClient(Duration connectTimeout, Duration initialDelay, Duration callTimeout, PortalMetrics metrics,
			Clock clock, Sleeper sleeper) {
		Assert.isTrue(!callTimeout.isNegative() && !callTimeout.isZero(), "'callTimeout' must be positive");
		this.httpClient = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
			.build();
		this.initialDelay = initialDelay;
		this.callTimeout = callTimeout;
		this.metrics = metrics;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/**
	 * Sends one try, with the request's read timeout as its deadline.
	 */
	@Override
	public StripeResponse request(StripeRequest request) throws ApiConnectionException {
		return send(request, readTimeout(request));
	}

	private StripeResponse send(StripeRequest request, Duration deadline) throws ApiConnectionException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request));
		headers(request).map().forEach((name, values) -> {
			if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				builder.header(name, String.join(",", values));
			}
		});
		HttpContent content = request.content();
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
		if (content != null) {
			// The request's headers do not name the body's type: the transport does.
			builder.setHeader("Content-Type", content.contentType());
			body = HttpRequest.BodyPublishers.ofByteArray(content.byteArrayContent());
		}
		SentOnce sentOnce = new SentOnce(body);
		builder.method(request.method().name(), sentOnce);
		String host = request.url().getHost();
		long start = System.nanoTime();
		String outcome = "io_error";
		CompletableFuture<HttpResponse<String>> exchange = this.httpClient.sendAsync(builder.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		try {
			// The future completes with the whole body, so the deadline covers all of it.
			HttpResponse<String> response = exchange.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
			outcome = StripeOperations.outcome(response.statusCode());
			return new StripeResponse(response.statusCode(), HttpHeaders.of(response.headers().map()),
					response.body());
		}
		catch (TimeoutException ex) {
			// Closes the connection: nothing goes on reading in the background.
			exchange.cancel(true);
			HttpTimeoutException timeout = new HttpTimeoutException(
					"No complete answer within " + deadline.toMillis() + " ms");
			throw new ApiConnectionException(
					"Stripe (" + host + ") did not answer in time: " + timeout.getMessage(), timeout);
		}
		catch (ExecutionException ex) {
			Throwable failure = ex.getCause();
			if (sentOnce.resendRefused()) {
				throw new ApiConnectionException("I/O failure talking to Stripe (" + host
						+ "): the connection closed before an answer", failure);
			}
			if (failure instanceof IOException) {
				throw new ApiConnectionException("I/O failure talking to Stripe (" + host + "): " + failure, failure);
			}
			if (failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (failure instanceof Error error) {
				throw error;
			}
			throw new ApiConnectionException("Failure talking to Stripe (" + host + "): " + failure, failure);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw new ApiConnectionException("Interrupted while talking to Stripe", ex);
		}
		finally {
			this.metrics.providerCall("stripe", StripeOperations.operation(request.method().name(), request.url()),
					outcome, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private static URI uri(StripeRequest request) throws ApiConnectionException {
		try {
			return request.url().toURI();
		}
		catch (URISyntaxException ex) {
			throw new ApiConnectionException("Malformed Stripe URL", ex);
		}
	}

	// What stripe-java's own transport adds to the request's headers.
	private static HttpHeaders headers(StripeRequest request) {
		return request.headers()
			.withAdditionalHeaders(Map.of("User-Agent", List.of(buildUserAgentString(request)),
					"X-Stripe-Client-User-Agent", List.of(buildXStripeClientUserAgentString())));
	}

	@Override
	public StripeResponse requestWithRetries(StripeRequest request) throws StripeException {
		int maxRetries = maxRetries(request);
		Duration readTimeout = readTimeout(request);
		Instant end = this.clock.instant().plus(this.callTimeout);
		for (int retry = 0;; retry++) {
			StripeResponse response = null;
			ApiConnectionException failure = null;
			Duration left = Duration.between(this.clock.instant(), end);
			try {
				response = send(request, (left.compareTo(readTimeout) < 0) ? left : readTimeout);
			}
			catch (ApiConnectionException ex) {
				failure = ex;
			}
			if (retry >= maxRetries || !shouldRetry(response)) {
				return answer(response, failure);
			}
			Duration delay = delay(retry + 1, response);
			// A wait that would not leave time for the try after it only holds the caller.
			if (delay.compareTo(Duration.between(this.clock.instant(), end)) >= 0 || !sleep(delay)) {
				return answer(response, failure);
			}
		}
	}

	private static StripeResponse answer(@Nullable StripeResponse response, @Nullable ApiConnectionException failure)
			throws ApiConnectionException {
		if (failure != null) {
			throw failure;
		}
		Assert.state(response != null, "Neither an answer nor a failure");
		return response;
	}

	private static int maxRetries(StripeRequest request) {
		Integer maxRetries = request.options().getMaxNetworkRetries();
		return (maxRetries != null) ? Math.max(0, maxRetries) : 0;
	}

	private Duration readTimeout(StripeRequest request) {
		Integer readTimeout = request.options().getReadTimeout();
		return (readTimeout != null && readTimeout > 0) ? Duration.ofMillis(readTimeout) : this.callTimeout;
	}

	// A null response means the request failed on the network.
	private static boolean shouldRetry(@Nullable StripeResponse response) {
		if (response == null) {
			return true;
		}
		String shouldRetry = response.headers().firstValue(SHOULD_RETRY_HEADER).orElse(null);
		if ("true".equals(shouldRetry)) {
			return true;
		}
		if ("false".equals(shouldRetry)) {
			return false;
		}
		return response.code() == 409 || response.code() >= 500;
	}

	private boolean sleep(Duration delay) {
		if (delay.isZero()) {
			return true;
		}
		try {
			this.sleeper.sleep(delay);
			return true;
		}
		catch (InterruptedException ex) {
			// Stop retrying: the caller gets the last failure and the flag stays set.
			Thread.currentThread().interrupt();
			return false;
		}
	}

	// The answer's Retry-After, when it names one, is the least wait before trying again.
	private Duration delay(int retry, @Nullable StripeResponse response) {
		Duration delay = delay(retry);
		Duration retryAfter = (response != null) ? response.headers()
			.firstValue("Retry-After")
			.map((value) -> StripeErrorTranslator.retryAfter(value, this.clock.instant()))
			.orElse(null) : null;
		return (retryAfter != null && retryAfter.compareTo(delay) > 0) ? retryAfter : delay;
	}

	Duration delay(int retry) {
		if (this.initialDelay.isZero() || this.initialDelay.isNegative()) {
			return Duration.ZERO;
		}
		double nanos = this.initialDelay.toNanos() * Math.pow(2, retry - 1);
		Duration delay = (nanos >= MAX_DELAY.toNanos()) ? MAX_DELAY : Duration.ofNanos((long) nanos);
		double jitter = ThreadLocalRandom.current().nextDouble(0.75, 1.0);
		Duration jittered = Duration.ofNanos((long) (delay.toNanos() * jitter));
		return (jittered.compareTo(this.initialDelay) < 0) ? this.initialDelay : jittered;
	}

	/**
	 * Sleeps between tries.
	 */
	@FunctionalInterface
	interface Sleeper {

		Sleeper THREAD = (delay) -> Thread.sleep(delay.toMillis());

		void sleep(Duration delay) throws InterruptedException;

	}

	/**
	 * A request body that lets its request be written once. The JDK's client sends a GET
	 * again by itself when the connection closes before the first byte of the answer, and
	 * asks the body's length right before writing each request's headers: refusing there
	 * fails that second request before any of it is written, so each try is one request on
	 * the wire and the retries are all this class's, counted and spaced.
	 */
	private static final class SentOnce implements HttpRequest.BodyPublisher {

		private final HttpRequest.BodyPublisher body;

		private final AtomicBoolean written = new AtomicBoolean();

		private volatile boolean resendRefused;

		SentOnce(HttpRequest.BodyPublisher body) {
			this.body = body;
		}

		@Override
		public long contentLength() {
			if (!this.written.compareAndSet(false, true)) {
				this.resendRefused = true;
				throw new IllegalStateException("A try is sent once; the retry is the caller's");
			}
			return this.body.contentLength();
		}

		@Override
		public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
			this.body.subscribe(subscriber);
		}

		boolean resendRefused() {
			return this.resendRefused;
		}

	}

}
