package io.recurportal.billing.stripe.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventSink;
import io.recurportal.billing.BillingEventSink.Outcome;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.error.PortalProblemDetails;
import io.recurportal.metrics.PortalMetrics;

/**
 * Stripe's webhook endpoint, {@code POST /webhooks/stripe} by default
 * ({@code recur.portal.webhook.path}).
 * <ul>
 * <li>{@code 200} when the event was processed, had been processed before, or is of a
 * type the portal ignores.</li>
 * <li>{@code 400} {@code invalid_signature} or {@code invalid_request} for a request
 * that is not a genuine, fresh Stripe event: Stripe does not retry it.</li>
 * <li>{@code 413} {@code payload_too_large} for a body beyond {@link #DEFAULT_MAX_BODY_BYTES}
 * (Stripe's events are far smaller), refused after reading one byte past the limit and
 * before the signature is checked.</li>
 * <li>{@code 503} {@code webhook_not_configured} while no signing secret is set, and
 * {@code 5xx} when processing failed: Stripe retries, and nothing of the failed attempt
 * is kept.</li>
 * </ul>
 */
@RestController
public class StripeWebhookController {

	/** The header Stripe signs events in. */
	public static final String SIGNATURE_HEADER = "Stripe-Signature";

	/** The largest body taken, unless set otherwise: Stripe's events are far smaller. */
	public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

	private static final Log logger = LogFactory.getLog(StripeWebhookController.class);

	private final StripeSignatureVerifier verifier;

	private final StripeEventReader reader;

	private final BillingEventSink processor;

	private PortalMetrics metrics = PortalMetrics.none();

	private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

	/**
	 * Creates the endpoint.
	 * @param verifier checks signatures
	 * @param reader reads events
	 * @param processor processes them, once each
	 */
	public StripeWebhookController(StripeSignatureVerifier verifier, StripeEventReader reader,
			BillingEventSink processor) {
		Assert.notNull(verifier, "'verifier' must not be null");
		Assert.notNull(reader, "'reader' must not be null");
		Assert.notNull(processor, "'processor' must not be null");
		this.verifier = verifier;
		this.reader = reader;
		this.processor = processor;
	}

	/**
	 * Sets where refused deliveries are recorded, as {@link PortalMetrics#WEBHOOK_EVENTS}
	 * of type {@code unknown} with the error code as result.
	 * @param metrics the metrics
	 */
	public void setMetrics(PortalMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	/**
	 * Sets the largest body taken, counted in bytes read, chunked or not.
	 * @param maxBodyBytes the limit
	 */
	public void setMaxBodyBytes(int maxBodyBytes) {
		Assert.isTrue(maxBodyBytes > 0 && maxBodyBytes < Integer.MAX_VALUE, "'maxBodyBytes' must be positive");
		this.maxBodyBytes = maxBodyBytes;
	}

	@PostMapping("${recur.portal.webhook.path:/webhooks/stripe}")
	@PortalEndpoint.Public("Stripe's signature over the body authenticates each event.")
	ResponseEntity<?> receive(@RequestHeader(name = SIGNATURE_HEADER, required = false) @Nullable String signature,
			InputStream body) throws IOException {
		// Never more than the limit in memory, whatever sits in front of this endpoint.
		byte[] bytes = body.readNBytes(this.maxBodyBytes + 1);
		if (bytes.length > this.maxBodyBytes) {
			this.metrics.webhookEvent("unknown", PortalErrorCode.PAYLOAD_TOO_LARGE.code(), null);
			return problem(PortalErrorCode.PAYLOAD_TOO_LARGE,
					"The request body is larger than " + this.maxBodyBytes + " bytes.");
		}
		if (!this.verifier.hasSecrets()) {
			return problem(PortalErrorCode.WEBHOOK_NOT_CONFIGURED,
					"No webhook signing secret is set (recur.portal.webhook.secrets).");
		}
		// The signature covers the bytes as sent: read them as they are, not reformatted.
		String payload = new String(bytes, StandardCharsets.UTF_8);
		BillingEvent event;
		try {
			this.verifier.verify(payload, signature);
			event = this.reader.read(payload);
		}
		catch (PortalException ex) {
			logger.warn("Refused a Stripe webhook: " + ex.getMessage());
			// Before verification the type is only the sender's word: not a tag.
			this.metrics.webhookEvent("unknown", ex.getErrorCode().code(), null);
			return problem(ex.getErrorCode(), String.valueOf(ex.getMessage()));
		}
		try {
			Outcome outcome = this.processor.process(event);
			return ResponseEntity.ok(Map.of("received", true, "outcome", outcome.name().toLowerCase(Locale.ROOT)));
		}
		catch (PortalException ex) {
			logger.warn("Could not process Stripe event " + event.id() + "; Stripe will retry it", ex);
			// Whatever went wrong, Stripe must retry: never answer a processing failure with 4xx.
			PortalErrorCode code = ex.getErrorCode().status().is5xxServerError() ? ex.getErrorCode()
					: PortalErrorCode.INTERNAL_ERROR;
			return problem(code, "The event could not be processed; it will be processed when retried.");
		}
		catch (RuntimeException ex) {
			logger.error("Could not process Stripe event " + event.id() + "; Stripe will retry it", ex);
			return problem(PortalErrorCode.INTERNAL_ERROR,
					"The event could not be processed; it will be processed when retried.");
		}
	}

	private static ResponseEntity<?> problem(PortalErrorCode code, String detail) {
		return ResponseEntity.status(code.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(PortalProblemDetails.of(code, detail));
	}

}
