package io.recurportal.billing.stripe;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerListParams;
import io.recurportal.billing.ProviderStatus;
import io.recurportal.billing.ProviderStatus.State;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Asks Stripe whether the portal's key works, with {@code GET /v1/customers?limit=1}: a
 * read every key the portal can work with may make, restricted keys included, that
 * changes nothing and costs one request.
 * <p>
 * The check is not retried and waits at most {@link #DEFAULT_READ_TIMEOUT} for an answer
 * (plus the client's connect timeout), so a health probe answers in bounded time while
 * Stripe is slow. Stripe's error text is never passed on: it may name the key.
 */
final class StripeConnectionCheck {

	private static final Log logger = LogFactory.getLog(StripeConnectionCheck.class);

	/** How long the check waits for Stripe's answer once connected. */
	static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

	private static final CustomerListParams ONE_CUSTOMER = CustomerListParams.builder().setLimit(1L).build();

	private final StripeClient client;

	private final RequestOptions options;

	StripeConnectionCheck(StripeClient client) {
		this(client, DEFAULT_READ_TIMEOUT);
	}

	StripeConnectionCheck(StripeClient client, Duration readTimeout) {
		this.client = client;
		// A probe that retried would wait several timeouts, and retry into a rate limit.
		this.options = RequestOptions.builder()
			.setMaxNetworkRetries(0)
			.setReadTimeout((int) readTimeout.toMillis())
			.build();
	}

	ProviderStatus check() {
		try {
			this.client.v1().customers().list(ONE_CUSTOMER, this.options);
			return ProviderStatus.available();
		}
		catch (StripeException ex) {
			ProviderStatus status = statusOf(ex);
			if (logger.isDebugEnabled()) {
				logger.debug("Stripe connection check: " + status.state().code() + " (status " + ex.getStatusCode()
						+ ", request " + ex.getRequestId() + ": " + StripeErrorTranslator.redact(ex.getMessage())
						+ ")");
			}
			return status;
		}
	}

	private static ProviderStatus statusOf(StripeException ex) {
		// PermissionException is an AuthenticationException too: test it first.
		if (ex instanceof PermissionException) {
			return new ProviderStatus(State.INSUFFICIENT_PERMISSIONS,
					"Stripe accepted the key but refused to list customers" + status(ex)
							+ "; a restricted key needs at least read access to customers");
		}
		if (ex instanceof AuthenticationException) {
			return new ProviderStatus(State.INVALID_API_KEY, "Stripe rejected the secret key" + status(ex)
					+ "; check recur.portal.stripe.secret-key");
		}
		if (ex instanceof RateLimitException) {
			return new ProviderStatus(State.RATE_LIMITED, "Stripe is rate limiting requests" + status(ex));
		}
		if (ex instanceof ApiConnectionException) {
			boolean timeout = ex.getCause() instanceof SocketTimeoutException
					|| ex.getCause() instanceof HttpTimeoutException;
			return new ProviderStatus(State.UNREACHABLE,
					timeout ? "Stripe did not answer in time" : "Stripe could not be reached");
		}
		return new ProviderStatus(State.PROVIDER_ERROR, "Stripe failed" + status(ex));
	}

	private static String status(StripeException ex) {
		return (ex.getStatusCode() != null) ? " (HTTP " + ex.getStatusCode() + ")" : "";
	}

}
