package io.recurportal.billing.stripe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.model.StripeCollection;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoicePayParams;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceDocument;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.jspecify.annotations.Nullable;

/**
 * Stripe invoices: history, lookups, PDFs and paying an open invoice.
 */
final class StripeInvoices {

	static final int PAGE_SIZE = 100;

	private final StripeClient client;

	private final StripeModelMapper mapper;

	private final StripeErrorTranslator errors;

	private final StripeInvoicePdfDownloader pdfDownloader;

	StripeInvoices(StripeClient client, StripeModelMapper mapper, StripeErrorTranslator errors,
			StripeInvoicePdfDownloader pdfDownloader) {
		this.client = client;
		this.mapper = mapper;
		this.errors = errors;
		this.pdfDownloader = pdfDownloader;
	}

	/** {@code GET /v1/invoices?customer=&limit=}: one call per {@value #PAGE_SIZE} invoices. */
	List<Invoice> list(String customerId, int limit) {
		List<Invoice> invoices = new ArrayList<>();
		String startingAfter = null;
		while (invoices.size() < limit) {
			InvoiceListParams.Builder params = InvoiceListParams.builder()
				.setCustomer(customerId)
				.setLimit((long) Math.min(PAGE_SIZE, limit - invoices.size()));
			if (startingAfter != null) {
				params.setStartingAfter(startingAfter);
			}
			StripeCollection<com.stripe.model.Invoice> page = this.errors.call(PortalErrorCode.CUSTOMER_NOT_FOUND,
					() -> this.client.v1().invoices().list(params.build()));
			page.getData().forEach((invoice) -> invoices.add(this.mapper.invoice(invoice)));
			if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
				break;
			}
			startingAfter = page.getData().get(page.getData().size() - 1).getId();
		}
		return invoices;
	}

	/** One call: {@code GET /v1/invoices/{id}}. */
	Optional<Invoice> find(String invoiceId) {
		return this.errors
			.find(PortalErrorCode.INVOICE_NOT_FOUND, () -> this.client.v1().invoices().retrieve(invoiceId))
			.filter((invoice) -> !Boolean.TRUE.equals(invoice.getDeleted()))
			.map(this.mapper::invoice);
	}

	/**
	 * One call, {@code GET /v1/invoices/{id}}, then a download of its {@code invoice_pdf}.
	 * A draft has no PDF yet.
	 */
	InvoiceDocument pdf(String invoiceId) {
		Invoice invoice = find(invoiceId)
			.orElseThrow(() -> new PortalException(PortalErrorCode.INVOICE_NOT_FOUND, "The invoice was not found"));
		String url = invoice.invoicePdfUrl();
		if (url == null || url.isBlank()) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST,
					"The invoice has no document yet: it is still a draft");
		}
		String name = (invoice.number() != null) ? invoice.number() : invoice.id();
		return new InvoiceDocument("invoice-" + safeFileName(name) + ".pdf", this.pdfDownloader.download(url));
	}

	// Invoice numbers are the merchant's prefix and a sequence; keep file names portable anyway.
	private static String safeFileName(String name) {
		return name.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	/** One call: {@code POST /v1/invoices/{id}/pay}, with {@code payment_method} when given. */
	Invoice pay(String invoiceId, @Nullable String paymentMethodId, String idempotencyKey) {
		InvoicePayParams.Builder params = InvoicePayParams.builder();
		if (paymentMethodId != null) {
			params.setPaymentMethod(paymentMethodId);
		}
		return this.mapper.invoice(this.errors.call(PortalErrorCode.INVOICE_NOT_FOUND,
				() -> this.client.v1()
					.invoices()
					.pay(invoiceId, params.build(),
							StripeIdempotencyKeys.requestOptions(StripeIdempotencyKeys.of(idempotencyKey)))));
	}

}
