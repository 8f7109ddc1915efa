package io.recurportal.billing.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Downloads the PDF Stripe renders for a finalized invoice from its {@code invoice_pdf}
 * URL. That URL needs no key (it is the same link Stripe's hosted invoice page offers),
 * so none is sent: the secret key goes to the API only. Stripe answers it with a
 * redirect to its file storage, which is followed.
 */
final class StripeInvoicePdfDownloader {

	private static final Log logger = LogFactory.getLog(StripeInvoicePdfDownloader.class);

	private static final String NOT_AVAILABLE = "The invoice's document is not available right now";

	private final HttpClient httpClient;

	private final Duration readTimeout;

	StripeInvoicePdfDownloader(Duration connectTimeout, Duration readTimeout) {
		this.httpClient = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		this.readTimeout = readTimeout;
	}

	byte[] download(String url) {
		URI uri = URI.create(url);
		if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "The invoice's document cannot be downloaded");
		}
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.readTimeout)
			.header("Accept", "application/pdf")
			.GET()
			.build();
		CompletableFuture<HttpResponse<byte[]>> exchange = this.httpClient.sendAsync(request,
				HttpResponse.BodyHandlers.ofByteArray());
		try {
			// The read timeout bounds the whole download, redirect and body included: the
			// request's own timeout ends with the headers, and a stalled body would hold the
			// request thread.
			HttpResponse<byte[]> response = exchange.get(this.readTimeout.toNanos(), TimeUnit.NANOSECONDS);
			if (response.statusCode() != 200) {
				logger.warn("Stripe answered " + response.statusCode() + " for an invoice PDF");
				throw new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE,
						NOT_AVAILABLE,
						StripeErrorTranslator.DEFAULT_UNAVAILABLE_DELAY, null);
			}
			return response.body();
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			logger.warn("Stripe did not send an invoice PDF within " + this.readTimeout.toMillis() + " ms");
			throw new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, NOT_AVAILABLE,
					StripeErrorTranslator.DEFAULT_UNAVAILABLE_DELAY, null);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof IOException failure)) {
				throw new IllegalStateException("Downloading an invoice PDF failed", ex.getCause());
			}
			logger.warn("Downloading an invoice PDF from Stripe failed: " + failure);
			throw new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, NOT_AVAILABLE,
					StripeErrorTranslator.DEFAULT_UNAVAILABLE_DELAY, failure);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE,
					NOT_AVAILABLE, ex);
		}
	}

}
