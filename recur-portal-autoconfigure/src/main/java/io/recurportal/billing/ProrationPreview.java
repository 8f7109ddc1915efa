package io.recurportal.billing;

import java.time.Instant;
import java.util.List;

/**
 * What a change of plan or quantity would cost, computed before anything changes.
 *
 * @param subscriptionId the subscription to change
 * @param newPrice the price it would move to
 * @param prorationAmount the net of the proration lines in minor units: credit for unused
 * time on the old price plus the charge for the rest of the period on the new one;
 * negative when the customer gets credit
 * @param nextInvoiceTotal the total of the next invoice after the change
 * @param nextInvoiceAt when that invoice is created: now when the change is invoiced at
 * once, else the end of the current period
 * @param currency the ISO 4217 currency code, lower case
 * @param lines the lines of that invoice
 * @param quantity how many of the new price the subscription would have
 */
public record ProrationPreview(String subscriptionId, Price newPrice, long prorationAmount, long nextInvoiceTotal,
		Instant nextInvoiceAt, String currency, List<InvoiceLine> lines, int quantity) {

	public ProrationPreview {
		lines = List.copyOf(lines);
	}

}
