package io.recurportal.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceLine;

/**
 * An invoice as the API shows it, with the portal's own PDF link.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record InvoiceView(String id, @Nullable String number, String status, String currency, long total, long amountDue,
		long amountPaid, long amountRemaining, Instant created, Instant periodStart, Instant periodEnd,
		@Nullable Instant paidAt, @Nullable String subscriptionId, String pdfUrl, List<Line> lines) {

	static InvoiceView of(Invoice invoice, String apiPath) {
		return new InvoiceView(invoice.id(), invoice.number(), invoice.status().value(), invoice.currency(),
				invoice.total(), invoice.amountDue(), invoice.amountPaid(), invoice.amountRemaining(), invoice.created(),
				invoice.periodStart(), invoice.periodEnd(), invoice.paidAt(), invoice.subscriptionId(),
				apiPath + "/invoices/" + invoice.id() + "/pdf", invoice.lines().stream().map(Line::of).toList());
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Line(String description, long amount, int quantity, boolean proration, Instant periodStart,
			Instant periodEnd) {

		static Line of(InvoiceLine line) {
			return new Line(line.description(), line.amount(), line.quantity(), line.proration(), line.periodStart(),
					line.periodEnd());
		}

	}

}
