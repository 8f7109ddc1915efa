package io.recurportal.billing.stripe;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import org.jspecify.annotations.Nullable;

/**
 * stripe-java's HTTP client with the retry policy the portal needs.
 * <p>
 * stripe-java 33 retries only a failed connect or a timeout, so a connection dropped
 * while Stripe was answering a mutation surfaces as an error although Stripe may have
 * applied it. Retrying is safe because every POST carries an {@code Idempotency-Key}
 * (ours, or one stripe-java generates) that is resent unchanged on every try, so Stripe
 * answers a retry of an applied mutation from its idempotency cache. This client
 * therefore retries any I/O failure, a 409 (a concurrent request holding a lock or the
 * key), any 5xx, and whatever Stripe marks with {@code Stripe-Should-Retry}; it never
 * retries a 429, whose {@code Retry-After} is passed on to the caller instead. The delay
 * between tries grows exponentially from a configurable start, with jitter.
 */
final class StripeRetryingHttpClient extends HttpURLConnectionClient {

	/** The first delay between tries, as stripe-java's own. */
	static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);

	private static final Duration MAX_DELAY = Duration.ofSeconds(5);

	private static final String SHOULD_RETRY_HEADER = "Stripe-Should-Retry";

	private final Duration initialDelay;

	StripeRetryingHttpClient(Duration initialDelay) {
		this.initialDelay = initialDelay;
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
		Integer maxRetries = (request.options() != null) ? request.options().getMaxNetworkRetries() : null;
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
		long nanos = (long) (this.initialDelay.toNanos() * Math.pow(2, retry - 1));
		Duration delay = (nanos > MAX_DELAY.toNanos() || nanos < 0) ? MAX_DELAY : Duration.ofNanos(nanos);
		double jitter = ThreadLocalRandom.current().nextDouble(0.75, 1.0);
		Duration jittered = Duration.ofNanos((long) (delay.toNanos() * jitter));
		return (jittered.compareTo(this.initialDelay) < 0) ? this.initialDelay : jittered;
	}

}
