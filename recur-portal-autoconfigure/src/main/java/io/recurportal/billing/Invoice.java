package io.recurportal.billing;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An invoice.
 *
 * @param id the provider's invoice id ({@code in_...})
 * @param number the number printed on it, once finalized
 * @param customerId the customer it bills; {@code null} when the provider names none
 * (Stripe may bill a customer account instead)
 * @param subscriptionId the subscription it bills, when it bills one
 * @param status its state
 * @param currency the ISO 4217 currency code, lower case
 * @param total the sum of its lines in minor units
 * @param amountDue what is or was owed after credit
 * @param amountPaid what was paid
 * @param created when it was created
 * @param periodStart start of the period it bills
 * @param periodEnd end of the period it bills
 * @param paidAt when it was paid
 * @param lines its lines
 * @param hostedInvoiceUrl the provider's page for the invoice, when it has one
 * @param invoicePdfUrl the provider's PDF of the invoice, when it has one
 */
public record Invoice(String id, @Nullable String number, @Nullable String customerId, @Nullable String subscriptionId,
		InvoiceStatus status, String currency, long total, long amountDue, long amountPaid, Instant created,
		Instant periodStart, Instant periodEnd, @Nullable Instant paidAt, List<InvoiceLine> lines,
		@Nullable String hostedInvoiceUrl, @Nullable String invoicePdfUrl) {

	public Invoice {
		lines = List.copyOf(lines);
	}

	/**
	 * What is still owed.
	 * @return the remaining amount in minor units
	 */
	public long amountRemaining() {
		return (this.status == InvoiceStatus.OPEN) ? Math.max(0, this.amountDue - this.amountPaid) : 0;
	}

}
