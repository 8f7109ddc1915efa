package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.util.List;

import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.InvoiceStatus;
import org.jspecify.annotations.Nullable;

/**
 * An invoice as the sandbox keeps it. Its lines never change once created; its status,
 * number and amounts do as it is finalized and paid. Only ever changed inside a
 * {@link SandboxLedger} copy.
 */
final class SandboxInvoice {

	final String id;

	final String customerId;

	final @Nullable String subscriptionId;

	final String currency;

	final List<InvoiceLine> lines;

	final long total;

	final Instant created;

	final Instant periodStart;

	final Instant periodEnd;

	final long sequence;

	@Nullable String number;

	InvoiceStatus status = InvoiceStatus.DRAFT;

	/** The total less the customer's credit applied when finalized. */
	long amountDue;

	long amountPaid;

	@Nullable Instant paidAt;

	/** How many charges were tried. */
	int attempts;

	SandboxInvoice(String id, String customerId, @Nullable String subscriptionId, String currency,
			List<InvoiceLine> lines, Instant created, Instant periodStart, Instant periodEnd, long sequence) {
		this.id = id;
		this.customerId = customerId;
		this.subscriptionId = subscriptionId;
		this.currency = currency;
		this.lines = List.copyOf(lines);
		this.total = lines.stream().mapToLong(InvoiceLine::amount).sum();
		this.amountDue = Math.max(0, this.total);
		this.created = created;
		this.periodStart = periodStart;
		this.periodEnd = periodEnd;
		this.sequence = sequence;
	}

	SandboxInvoice copy() {
		SandboxInvoice copy = new SandboxInvoice(this.id, this.customerId, this.subscriptionId, this.currency,
				this.lines, this.created, this.periodStart, this.periodEnd, this.sequence);
		copy.number = this.number;
		copy.status = this.status;
		copy.amountDue = this.amountDue;
		copy.amountPaid = this.amountPaid;
		copy.paidAt = this.paidAt;
		copy.attempts = this.attempts;
		return copy;
	}

	Invoice toInvoice() {
		return new Invoice(this.id, this.number, this.customerId, this.subscriptionId, this.status, this.currency,
				this.total, this.amountDue, this.amountPaid, this.created, this.periodStart, this.periodEnd,
				this.paidAt, this.lines, null, null);
	}

}
