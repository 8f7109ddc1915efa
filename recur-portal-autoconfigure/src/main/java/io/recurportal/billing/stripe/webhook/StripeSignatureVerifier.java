package io.recurportal.billing.stripe.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Checks a {@code Stripe-Signature} header with stripe-java's {@link Webhook}, against
 * each of several signing secrets (during a rotation, the old and the new one both
 * sign), and within a tolerance on both sides of now: stripe-java refuses a timestamp
 * older than the tolerance, and this also refuses one further than the tolerance in the
 * future, which no honest sender makes and a captured request could be held for.
 */
public final class StripeSignatureVerifier {

	private final List<String> secrets;

	private final Duration tolerance;

	private final Clock clock;

	/**
	 * Creates a verifier.
	 * @param secrets the endpoint's signing secrets ({@code whsec_...}); none makes every
	 * check fail
	 * @param tolerance how far from now a signature's timestamp may be, positive
	 * @param clock the clock
	 */
	public StripeSignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
		Assert.notNull(secrets, "'secrets' must not be null");
		Assert.isTrue(tolerance != null && tolerance.toSeconds() > 0, "'tolerance' must be at least one second");
		Assert.notNull(clock, "'clock' must not be null");
		this.secrets = secrets.stream().filter((secret) -> secret != null && !secret.isBlank()).toList();
		this.tolerance = tolerance;
		this.clock = clock;
	}

	/**
	 * Whether there is any secret to check against.
	 * @return {@code true} when at least one secret is set
	 */
	public boolean hasSecrets() {
		return !this.secrets.isEmpty();
	}

	/**
	 * Checks a payload's signature.
	 * @param payload the request body, exactly as received
	 * @param header the {@code Stripe-Signature} header, or {@code null} when absent
	 * @throws PortalException {@code invalid_signature} when the header is missing or
	 * malformed, matches no secret, or its timestamp is outside the tolerance
	 */
	public void verify(String payload, @Nullable String header) {
		if (header == null || header.isBlank()) {
			throw invalid("No Stripe-Signature header.");
		}
		long timestamp = timestamp(header);
		long now = this.clock.millis() / 1000;
		if (timestamp > now + this.tolerance.toSeconds()) {
			throw invalid("The signature's timestamp is in the future.");
		}
		for (String secret : this.secrets) {
			try {
				if (Webhook.Signature.verifyHeader(payload, header, secret, this.tolerance.toSeconds(), this.clock)) {
					return;
				}
			}
			catch (SignatureVerificationException ex) {
				// Signed with another secret, or too old: try the next secret.
			}
		}
		throw invalid("The signature matches no signing secret, or is too old.");
	}

	private static long timestamp(String header) {
		for (String element : header.split(",")) {
			String[] pair = element.trim().split("=", 2);
			if (pair.length == 2 && pair[0].equals("t")) {
				try {
					return Long.parseLong(pair[1].trim());
				}
				catch (NumberFormatException ex) {
					break;
				}
			}
		}
		throw invalid("The Stripe-Signature header has no timestamp.");
	}

	private static PortalException invalid(String message) {
		return new PortalException(PortalErrorCode.INVALID_SIGNATURE, message);
	}

}
