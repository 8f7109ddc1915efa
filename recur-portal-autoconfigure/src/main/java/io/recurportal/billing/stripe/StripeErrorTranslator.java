package io.recurportal.billing.stripe;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Translates stripe-java's exceptions into {@link PortalException}s, once, in one place.
 * <p>
 * Messages are safe to show to customers: they never carry Stripe's own text, which may
 * name the key, another customer's ids or internal detail. What is logged has every
 * Stripe key, URL, email address and phone number redacted, and an answer that was not
 * Stripe's JSON (stripe-java quotes it whole) appears only at DEBUG; the same holds for
 * the cause a {@link PortalException} carries into other logs. An authentication or
 * permission failure is a configuration problem of the host, not of the customer: it is
 * logged at ERROR the first time (later ones at DEBUG, so a wrong key does not flood the
 * log) and the customer sees only that the provider is unavailable.
 */
final class StripeErrorTranslator {

	private static final Log logger = LogFactory.getLog(StripeErrorTranslator.class);

	/** How long to wait after a 429 that named no delay. */
	static final Duration DEFAULT_RATE_LIMIT_DELAY = Duration.ofSeconds(1);

	/** How long to wait after an outage or timeout that named no delay. */
	static final Duration DEFAULT_UNAVAILABLE_DELAY = Duration.ofSeconds(5);

	private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

	private static final Pattern STRIPE_KEY = Pattern.compile("\\b(sk|rk|pk)_(live|test)_\\S*");

	// Absolute URLs, also as JSON escapes them ("https:\/\/billing.stripe.com\/p\/session\/...").
	private static final Pattern URL = Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*:(?:\\\\?/){2}[^\\s\"'<>]*");

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

	// Stripe's phone fields hold free text: the whole value goes.
	private static final Pattern PHONE_FIELD = Pattern
		.compile("(\"[A-Za-z_]*phone[A-Za-z_]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

	// Elsewhere: international numbers (+44 20 7946 0958) and grouped ones ((555) 010-4477).
	private static final Pattern PHONE = Pattern
		.compile("\\+\\d[\\d ().-]{5,}\\d|\\(?\\b\\d{2,4}\\)?[ .-]\\d{3,4}[ .-]\\d{3,4}\\b");

	// "Invalid response object from API: <body>. (HTTP response code was 200). Additional details: ..."
	private static final Pattern UNREADABLE_ANSWER = Pattern
		.compile("Invalid response object from API: (.*)(\\. \\(HTTP response code was \\d+\\).*)", Pattern.DOTALL);

	private static final String RESOURCE_MISSING = "resource_missing";

	/** How often a rate limit is logged as a warning; the ones between are counted. */
	static final Duration RATE_LIMIT_WARNING_INTERVAL = Duration.ofMinutes(1);

	private final AtomicBoolean configurationProblemLogged = new AtomicBoolean();

	// When a rate limit was last logged as a warning, and how many came since.
	private final AtomicReference<@Nullable Instant> rateLimitWarnedAt = new AtomicReference<>();

	private final AtomicLong rateLimitsSinceWarning = new AtomicLong();

	private final Clock clock;

	StripeErrorTranslator() {
		this(Clock.systemUTC());
	}

	StripeErrorTranslator(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Runs a call, translating its failure.
	 * @param notFound the code when Stripe does not know the resource the call is about
	 * @param call the call
	 * @return what the call answered
	 */
	<T> T call(PortalErrorCode notFound, StripeCall<T> call) {
		try {
			return call.call();
		}
		catch (StripeException ex) {
			throw translate(ex, notFound);
		}
	}

	/**
	 * Runs a lookup: an unknown id answers empty instead of failing.
	 * @param notFound the code when another resource the call names is unknown
	 * @param call the call
	 * @return what the call answered, or empty
	 */
	<T> Optional<T> find(PortalErrorCode notFound, StripeCall<T> call) {
		try {
			return Optional.of(call.call());
		}
		catch (StripeException ex) {
			if (isResourceMissing(ex)) {
				return Optional.empty();
			}
			throw translate(ex, notFound);
		}
	}

	static boolean isResourceMissing(StripeException ex) {
		return ex instanceof InvalidRequestException && RESOURCE_MISSING.equals(ex.getCode());
	}

	PortalException translate(StripeException ex, PortalErrorCode notFound) {
		if (ex instanceof CardException card) {
			debug("Stripe declined a payment", ex);
			String reason = (card.getDeclineCode() != null) ? card.getDeclineCode() : card.getCode();
			return new PortalException(PortalErrorCode.PAYMENT_FAILED,
					"The payment was declined" + ((reason != null) ? " (" + reason + ")" : ""), loggable(ex));
		}
		if (ex instanceof IdempotencyException) {
			debug("Stripe refused a reused idempotency key", ex);
			return new PortalException(PortalErrorCode.IDEMPOTENCY_CONFLICT,
					"The idempotency key was already used for a different request", loggable(ex));
		}
		if (ex instanceof AuthenticationException) {
			// PermissionException is an AuthenticationException too.
			logConfigurationProblem(ex);
			return new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE,
					"The billing provider is not available", DEFAULT_UNAVAILABLE_DELAY, null);
		}
		if (ex instanceof RateLimitException) {
			warnRateLimited(ex);
			return new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE,
					"The billing provider is busy; try again shortly", retryAfter(ex, DEFAULT_RATE_LIMIT_DELAY),
					loggable(ex));
		}
		if (ex instanceof InvalidRequestException invalid) {
			return translateInvalidRequest(invalid, notFound);
		}
		if (ex instanceof ApiConnectionException) {
			boolean timeout = ex.getCause() instanceof SocketTimeoutException
					|| ex.getCause() instanceof HttpTimeoutException;
			warn(timeout ? "Stripe did not answer in time" : "Stripe could not be reached", ex);
			String message = timeout ? "The billing provider did not answer in time"
					: "The billing provider could not be reached";
			return new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, message, DEFAULT_UNAVAILABLE_DELAY,
					loggable(ex));
		}
		// ApiException: 5xx, 409 after the retries, or an answer that was not Stripe's JSON.
		warn("Stripe failed", ex);
		return new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, "The billing provider is unavailable",
				retryAfter(ex, DEFAULT_UNAVAILABLE_DELAY), loggable(ex));
	}

	private PortalException translateInvalidRequest(InvalidRequestException ex, PortalErrorCode notFound) {
		debug("Stripe rejected a request", ex);
		if (RESOURCE_MISSING.equals(ex.getCode())) {
			PortalErrorCode code = notFoundCode(ex.getParam(), notFound);
			return new PortalException(code, notFoundMessage(code), loggable(ex));
		}
		StringBuilder message = new StringBuilder("The billing provider rejected the request");
		if (ex.getCode() != null) {
			message.append(" (").append(ex.getCode()).append(")");
		}
		return new PortalException(PortalErrorCode.INVALID_REQUEST, message.toString(), loggable(ex));
	}

	// Stripe names the parameter whose id it does not know; without one it is the path's.
	private static PortalErrorCode notFoundCode(@Nullable String param, PortalErrorCode notFound) {
		if (param == null) {
			return notFound;
		}
		String name = param.toLowerCase(Locale.ROOT);
		if (name.contains("price")) {
			return PortalErrorCode.PRICE_NOT_AVAILABLE;
		}
		if (name.contains("payment_method")) {
			return PortalErrorCode.PAYMENT_METHOD_NOT_FOUND;
		}
		if (name.contains("subscription")) {
			return PortalErrorCode.SUBSCRIPTION_NOT_FOUND;
		}
		if (name.contains("invoice")) {
			return PortalErrorCode.INVOICE_NOT_FOUND;
		}
		if (name.contains("customer")) {
			return PortalErrorCode.CUSTOMER_NOT_FOUND;
		}
		return notFound;
	}

	private static String notFoundMessage(PortalErrorCode code) {
		return switch (code) {
			case CUSTOMER_NOT_FOUND -> "The customer was not found";
			case SUBSCRIPTION_NOT_FOUND -> "The subscription was not found";
			case INVOICE_NOT_FOUND -> "The invoice was not found";
			case PAYMENT_METHOD_NOT_FOUND -> "The payment method was not found";
			case CHECKOUT_SESSION_NOT_FOUND -> "The checkout session was not found";
			case PRICE_NOT_AVAILABLE -> "The price is not available";
			default -> "The billing provider does not know the requested item";
		};
	}

	private Duration retryAfter(StripeException ex, Duration fallback) {
		StripeError error = ex.getStripeError();
		if (error == null || error.getLastResponse() == null || error.getLastResponse().headers() == null) {
			return fallback;
		}
		return error.getLastResponse()
			.headers()
			.firstValue("Retry-After")
			.map(this::parseRetryAfter)
			.orElse(fallback);
	}

	private Duration parseRetryAfter(String value) {
		Duration delay = retryAfter(value, this.clock.instant());
		return (delay != null) ? delay : DEFAULT_UNAVAILABLE_DELAY;
	}

	/**
	 * Reads a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110,
	 * 10.2.3), never less than zero nor more than an hour.
	 * @param value the header's value
	 * @param now the instant an HTTP-date is measured from
	 * @return the delay, or {@code null} when the value is neither
	 */
	static @Nullable Duration retryAfter(String value, Instant now) {
		String trimmed = value.trim();
		Duration delay;
		try {
			delay = Duration.ofSeconds(Long.parseLong(trimmed));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
				delay = Duration.between(now, at.toInstant());
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
		if (delay.isNegative()) {
			return Duration.ZERO;
		}
		return (delay.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : delay;
	}

	private void logConfigurationProblem(StripeException ex) {
		String kind = (ex instanceof PermissionException) ? "lacks a permission the portal needs"
				: "was rejected by Stripe";
		String message = "The configured Stripe secret key " + kind
				+ "; check 'recur.portal.stripe.secret-key' and the key's permissions (" + describe(ex) + ")";
		if (this.configurationProblemLogged.compareAndSet(false, true)) {
			logger.error(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	// Under a rate limit every request fails: one warning a minute, not one per request.
	private void warnRateLimited(StripeException ex) {
		Instant now = this.clock.instant();
		Instant last = this.rateLimitWarnedAt.get();
		boolean due = last == null || !now.isBefore(last.plus(RATE_LIMIT_WARNING_INTERVAL));
		if (due && this.rateLimitWarnedAt.compareAndSet(last, now)) {
			long since = this.rateLimitsSinceWarning.getAndSet(0);
			warn("Stripe is rate limiting requests"
					+ ((since > 0) ? "; " + since + " more since the last warning" : ""), ex);
		}
		else {
			this.rateLimitsSinceWarning.incrementAndGet();
			debug("Stripe is rate limiting requests", ex);
		}
	}

	private static void warn(String what, StripeException ex) {
		if (logger.isWarnEnabled()) {
			logger.warn(what + " (" + describe(ex) + ")");
		}
		debugAnswer(ex);
	}

	private static void debug(String what, StripeException ex) {
		if (logger.isDebugEnabled()) {
			logger.debug(what + " (" + describe(ex) + ")");
		}
		debugAnswer(ex);
	}

	// An answer that was not Stripe's JSON may help whoever debugs it: at DEBUG only, and
	// without what it says about the customer or what opens their billing.
	private static void debugAnswer(StripeException ex) {
		String answer = answer(ex.getMessage());
		if (answer != null && logger.isDebugEnabled()) {
			logger.debug("Stripe's answer to request " + ex.getRequestId() + " was: " + redact(answer));
		}
	}

	private static String describe(StripeException ex) {
		return "status " + ex.getStatusCode() + ", code " + ex.getCode() + ", request " + ex.getRequestId() + ": "
				+ withoutAnswer(ex.getMessage());
	}

	// What a log may show of a failure: its text without the answer's body, and a copy
	// when the exception itself carries more, as the cause of a PortalException is logged.
	private static StripeException loggable(StripeException ex) {
		String message = withoutAnswer(ex.getMessage());
		if (message.equals(ex.getMessage())) {
			return ex;
		}
		// The message names the code and request already: the copy does not add them again.
		ApiException copy = new ApiException(message, null, null, ex.getStatusCode(), null);
		copy.setStackTrace(ex.getStackTrace());
		return copy;
	}

	// stripe-java puts an answer it could not read into the exception's message.
	private static @Nullable String answer(@Nullable String message) {
		if (message == null) {
			return null;
		}
		Matcher matcher = UNREADABLE_ANSWER.matcher(message);
		return matcher.matches() ? matcher.group(1) : null;
	}

	private static String withoutAnswer(@Nullable String message) {
		if (message == null) {
			return "";
		}
		Matcher matcher = UNREADABLE_ANSWER.matcher(message);
		String text = matcher.matches() ? "Stripe's answer (" + matcher.group(1).length()
				+ " characters) was not Stripe's JSON; it is logged at DEBUG" + matcher.group(2) : message;
		return redact(text);
	}

	/**
	 * Removes from a text every Stripe key, and what lets a reader reach or identify a
	 * customer: URLs (hosted checkout and billing-portal sessions open the customer's
	 * billing to whoever holds them), email addresses and phone numbers.
	 * @param text the text
	 * @return the text with each of them replaced by {@code [redacted]}
	 */
	static String redact(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String redacted = STRIPE_KEY.matcher(text).replaceAll("[redacted]");
		redacted = URL.matcher(redacted).replaceAll("[redacted]");
		redacted = EMAIL.matcher(redacted).replaceAll("[redacted]");
		redacted = PHONE_FIELD.matcher(redacted).replaceAll("$1\"[redacted]\"");
		return PHONE.matcher(redacted).replaceAll("[redacted]");
	}

}
