package io.recurportal.billing.stripe;

import java.time.Duration;

import com.stripe.Stripe;
import com.stripe.StripeClient;

import org.springframework.util.Assert;

import io.recurportal.metrics.PortalMetrics;

/**
 * Builds the {@link StripeClient} the portal talks to Stripe with.
 * <p>
 * The client uses the API version stripe-java pins ({@link Stripe#API_VERSION}) and
 * {@link StripeHttpClient}'s transport and retry policy: failures on the network, 409s
 * and 5xx are retried up to {@code maxNetworkRetries} times with the same idempotency
 * key, each try is sent exactly once and has a deadline for its whole answer (the read
 * timeout), and one call with all its tries ends within the call timeout.
 * When the API base is not Stripe's, the files, connect and meter-events bases point to
 * it as well, so a proxy or a local Stripe double receives every request and nothing
 * reaches Stripe behind its back.
 */
public final class StripeClients {

	private StripeClients() {
	}

	/**
	 * Builds a client whose calls, all tries included, take at most 20 seconds.
	 * @param secretKey the secret ({@code sk_...}) or restricted ({@code rk_...}) key
	 * @param apiBase the API's base URL, {@code https://api.stripe.com} unless proxied
	 * @param maxNetworkRetries how many times a failed request is sent again
	 * @param connectTimeout timeout for connecting
	 * @param readTimeout deadline of each try for Stripe's whole answer
	 * @return the client
	 */
	public static StripeClient create(String secretKey, String apiBase, int maxNetworkRetries,
			Duration connectTimeout, Duration readTimeout) {
		return create(secretKey, apiBase, maxNetworkRetries, connectTimeout, readTimeout, PortalMetrics.none());
	}

	/**
	 * Builds a client whose calls, all tries included, take at most 20 seconds, and whose
	 * every request to Stripe, each retry included, is recorded as
	 * {@link PortalMetrics#PROVIDER_CALLS} by operation ({@code GET /v1/customers/{id}}).
	 * @param secretKey the secret ({@code sk_...}) or restricted ({@code rk_...}) key
	 * @param apiBase the API's base URL, {@code https://api.stripe.com} unless proxied
	 * @param maxNetworkRetries how many times a failed request is sent again
	 * @param connectTimeout timeout for connecting
	 * @param readTimeout deadline of each try for Stripe's whole answer
	 * @param metrics where requests are recorded
	 * @return the client
	 */
	public static StripeClient create(String secretKey, String apiBase, int maxNetworkRetries,
			Duration connectTimeout, Duration readTimeout, PortalMetrics metrics) {
		return create(secretKey, apiBase, maxNetworkRetries, connectTimeout, readTimeout,
				StripeHttpClient.DEFAULT_CALL_TIMEOUT, metrics);
	}

	/**
	 * Builds a client whose every request to Stripe, each retry included, is recorded as
	 * {@link PortalMetrics#PROVIDER_CALLS} by operation ({@code GET /v1/customers/{id}}).
	 * @param secretKey the secret ({@code sk_...}) or restricted ({@code rk_...}) key
	 * @param apiBase the API's base URL, {@code https://api.stripe.com} unless proxied
	 * @param maxNetworkRetries how many times a failed request is sent again
	 * @param connectTimeout timeout for connecting
	 * @param readTimeout deadline of each try for Stripe's whole answer
	 * @param callTimeout how long one call may take, all its tries and the waits between
	 * them included
	 * @param metrics where requests are recorded
	 * @return the client
	 */
	public static StripeClient create(String secretKey, String apiBase, int maxNetworkRetries,
			Duration connectTimeout, Duration readTimeout, Duration callTimeout, PortalMetrics metrics) {
		return create(secretKey, apiBase, maxNetworkRetries, connectTimeout, readTimeout,
				new StripeHttpClient(connectTimeout, StripeHttpClient.DEFAULT_INITIAL_DELAY, callTimeout, metrics));
	}

	static StripeClient create(String secretKey, String apiBase, int maxNetworkRetries, Duration connectTimeout,
			Duration readTimeout, Duration initialRetryDelay) {
		return create(secretKey, apiBase, maxNetworkRetries, connectTimeout, readTimeout,
				new StripeHttpClient(connectTimeout, initialRetryDelay));
	}

	static StripeClient create(String secretKey, String apiBase, int maxNetworkRetries, Duration connectTimeout,
			Duration readTimeout, StripeHttpClient httpClient) {
		// Messages never echo the key: it would end up in logs.
		Assert.hasText(secretKey, "A Stripe secret key is required");
		Assert.isTrue(!secretKey.startsWith("pk_"), "The Stripe secret key is a publishable key ('pk_...'); "
				+ "use the secret ('sk_...') or restricted ('rk_...') key");
		Assert.hasText(apiBase, "'apiBase' must not be empty");
		Assert.isTrue(maxNetworkRetries >= 0, "'maxNetworkRetries' must not be negative");
		String base = stripTrailingSlash(apiBase);
		StripeClient.StripeClientBuilder builder = StripeClient.builder()
			.setApiKey(secretKey)
			.setApiBase(base)
			.setMaxNetworkRetries(maxNetworkRetries)
			.setConnectTimeout(toMillis(connectTimeout))
			.setReadTimeout(toMillis(readTimeout))
			.setHttpClient(httpClient);
		if (!base.equals(Stripe.LIVE_API_BASE)) {
			builder.setFilesBase(base).setConnectBase(base).setMeterEventsBase(base);
		}
		return builder.build();
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static int toMillis(Duration timeout) {
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "Timeouts must be positive");
		return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
	}

}
