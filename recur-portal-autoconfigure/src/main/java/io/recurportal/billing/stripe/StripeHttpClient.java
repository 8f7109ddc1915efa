package io.recurportal.billing.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpContent;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import org.jspecify.annotations.Nullable;

import io.recurportal.metrics.PortalMetrics;

/**
 * How the portal talks HTTP to Stripe: stripe-java's requests sent with the JDK's
 * {@link java.net.http.HttpClient}, under the retry policy the portal needs.
 * <p>
 * stripe-java's default transport, {@code HttpURLConnection}, silently sends a POST a
 * second time when the connection drops while waiting for the answer, and stripe-java 33
 * itself retries only a failed connect or a timeout: so a dropped connection is tried
 * twice with no retries configured, and not at all with retries configured. This client
 * sends each try exactly once and retries any I/O failure, a 409 (a concurrent request
 * holding a lock or the same key), any 5xx, and whatever Stripe marks with
 * {@code Stripe-Should-Retry}, up to {@code maxNetworkRetries} times. That is safe
 * because every POST carries an {@code Idempotency-Key} (ours, or one stripe-java
 * generates), resent unchanged on every try, so Stripe answers a retry of an applied
 * mutation from its idempotency cache. A 429 is never retried: its {@code Retry-After}
 * goes to the caller. The delay between tries grows exponentially from a configurable
 * start, with jitter, as stripe-java's own.
 * <p>
 * HTTP/1.1 is used, and the system's proxy selector.
 */
final class StripeHttpClient extends HttpClient {

	/** The first delay between tries, as stripe-java's own. */
	static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);

	private static final Duration MAX_DELAY = Duration.ofSeconds(5);

	private static final String SHOULD_RETRY_HEADER = "Stripe-Should-Retry";

	// The JDK sets these itself and refuses them from callers.
	private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade");

	private final java.net.http.HttpClient httpClient;

	private final Duration initialDelay;

	private final PortalMetrics metrics;

	StripeHttpClient(Duration connectTimeout, Duration initialDelay) {
		this(connectTimeout, initialDelay, PortalMetrics.none());
	}

	StripeHttpClient(Duration connectTimeout, Duration initialDelay, PortalMetrics metrics) {
		this.httpClient = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
			.build();
		this.initialDelay = initialDelay;
		this.metrics = metrics;
	}

	@Override
	public StripeResponse request(StripeRequest request) throws ApiConnectionException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request));
		Integer readTimeout = request.options().getReadTimeout();
		if (readTimeout != null && readTimeout > 0) {
			builder.timeout(Duration.ofMillis(readTimeout));
		}
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
		builder.method(request.method().name(), body);
		long start = System.nanoTime();
		String outcome = "io_error";
		try {
			HttpResponse<String> response = this.httpClient.send(builder.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			outcome = StripeOperations.outcome(response.statusCode());
			return new StripeResponse(response.statusCode(), HttpHeaders.of(response.headers().map()),
					response.body());
		}
		catch (IOException ex) {
			throw new ApiConnectionException("I/O failure talking to Stripe (" + request.url().getHost() + "): " + ex,
					ex);
		}
		catch (InterruptedException ex) {
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
		for (int retry = 0;; retry++) {
			StripeResponse response = null;
			ApiConnectionException failure = null;
			try {
				response = request(request);
			}
			catch (ApiConnectionException ex) {
				failure = ex;
			}
			if (retry >= maxRetries || !shouldRetry(response) || !sleepBeforeRetry(retry + 1)) {
				if (failure != null) {
					throw failure;
				}
				return response;
			}
		}
	}

	private static int maxRetries(StripeRequest request) {
		Integer maxRetries = request.options().getMaxNetworkRetries();
		return (maxRetries != null) ? Math.max(0, maxRetries) : 0;
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

	private boolean sleepBeforeRetry(int retry) {
		Duration delay = delay(retry);
		if (delay.isZero()) {
			return true;
		}
		try {
			Thread.sleep(delay.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			// Stop retrying: the caller gets the last failure and the flag stays set.
			Thread.currentThread().interrupt();
			return false;
		}
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

}
