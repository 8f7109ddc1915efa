package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.util.List;

import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.Price;
import io.recurportal.billing.ProrationPreview;

/**
 * Everything a price change does, worked out before anything changes. The preview is
 * read from it and the change carries it out, so the two cannot disagree.
 *
 * @param newPrice the price to move to
 * @param quantity how many of it after the change
 * @param prorationLines the credit for unused time and the charge for remaining time
 * @param invoiceNow whether an invoice is made and charged now
 * @param restartsPeriod whether a new billing period starts now (a change of interval)
 * @param periodEnd the end of the current period after the change
 * @param nextInvoiceLines the lines of the next invoice after the change
 * @param nextInvoiceAt when that invoice is made
 */
record PriceChangePlan(Price newPrice, int quantity, List<InvoiceLine> prorationLines, boolean invoiceNow, boolean restartsPeriod,
		Instant periodEnd, List<InvoiceLine> nextInvoiceLines, Instant nextInvoiceAt) {

	PriceChangePlan {
		prorationLines = List.copyOf(prorationLines);
		nextInvoiceLines = List.copyOf(nextInvoiceLines);
	}

	long prorationAmount() {
		return sum(this.prorationLines);
	}

	long nextInvoiceTotal() {
		return sum(this.nextInvoiceLines);
	}

	ProrationPreview toPreview(String subscriptionId) {
		return new ProrationPreview(subscriptionId, this.newPrice, prorationAmount(), nextInvoiceTotal(),
				this.nextInvoiceAt, this.newPrice.currency(), this.nextInvoiceLines, this.quantity);
	}

	private static long sum(List<InvoiceLine> lines) {
		return lines.stream().mapToLong(InvoiceLine::amount).sum();
	}

}
