package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.util.List;

import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.Price;
import org.jspecify.annotations.Nullable;

/**
 * How an invoice is made, finalized and collected, in Stripe's order: created as a
 * draft, finalized (numbered, the customer's credit applied), then charged to a card.
 */
final class Invoicing {

	private Invoicing() {
	}

	/**
	 * Creates a draft invoice.
	 * @param ledger the ledger to add it to
	 * @param customer the customer it bills
	 * @param subscription the subscription it bills, if any
	 * @param currency its currency
	 * @param lines its lines
	 * @param periodStart start of the period it bills
	 * @param periodEnd end of the period it bills
	 * @param now when it is created
	 * @return the draft
	 */
	static SandboxInvoice createDraft(SandboxLedger ledger, SandboxCustomer customer,
			@Nullable SandboxSubscription subscription, String currency, List<InvoiceLine> lines,
			Instant periodStart, Instant periodEnd, Instant now) {
		SandboxInvoice invoice = new SandboxInvoice(ledger.newId("in"), customer.id,
				(subscription != null) ? subscription.id : null, currency, lines, now, periodStart, periodEnd,
				ledger.nextSequence());
		ledger.add(invoice);
		if (subscription != null) {
			subscription.latestInvoiceId = invoice.id;
		}
		if (customer.currency == null) {
			customer.currency = currency;
		}
		return invoice;
	}

	/**
	 * Finalizes a draft: gives it a number and applies the customer's credit. A negative
	 * total becomes credit; an invoice with nothing due is paid at once.
	 * @param customer the customer it bills
	 * @param invoice the draft
	 * @param now when it is finalized
	 */
	static void finalizeDraft(SandboxCustomer customer, SandboxInvoice invoice, Instant now) {
		invoice.number = InvoiceNumbers.next(customer);
		invoice.status = InvoiceStatus.OPEN;
		if (invoice.total < 0) {
			customer.creditBalance += -invoice.total;
			invoice.amountDue = 0;
		}
		else {
			long creditUsed = Math.min(customer.creditBalance, invoice.total);
			customer.creditBalance -= creditUsed;
			invoice.amountDue = invoice.total - creditUsed;
		}
		if (invoice.amountDue == 0) {
			markPaid(invoice, now);
		}
	}

	/**
	 * Charges what is left on an open invoice.
	 * @param invoice the invoice
	 * @param card the card to charge, or {@code null} when the customer has none
	 * @param now when it is charged
	 * @return why the charge failed, or {@code null} when the invoice is paid
	 */
	static @Nullable String collect(SandboxInvoice invoice, @Nullable SavedCard card, Instant now) {
		if (invoice.status != InvoiceStatus.OPEN) {
			return null;
		}
		if (invoice.amountDue == invoice.amountPaid) {
			markPaid(invoice, now);
			return null;
		}
		invoice.attempts++;
		if (card == null) {
			return "No payment method is saved to charge.";
		}
		String decline = card.declineAt(now);
		if (decline == null) {
			markPaid(invoice, now);
		}
		return decline;
	}

	/**
	 * Marks an invoice paid in full, as paid outside the sandbox (seeded history).
	 * @param invoice the invoice
	 * @param now when it was paid
	 */
	static void markPaid(SandboxInvoice invoice, Instant now) {
		invoice.status = InvoiceStatus.PAID;
		invoice.amountPaid = invoice.amountDue;
		invoice.paidAt = now;
	}

	/**
	 * The card a subscription's invoices are charged to: its own default, else the
	 * customer's.
	 * @param ledger the ledger
	 * @param customer the customer
	 * @param subscription the subscription, if the invoice bills one
	 * @return the card, or {@code null} when there is none
	 */
	static @Nullable SavedCard defaultCard(SandboxLedger ledger, SandboxCustomer customer,
			@Nullable SandboxSubscription subscription) {
		String id = (subscription != null && subscription.defaultPaymentMethodId != null)
				? subscription.defaultPaymentMethodId : customer.defaultPaymentMethodId;
		return (id != null) ? ledger.card(id).orElse(null) : null;
	}

	/**
	 * The line of a subscription's price for one period, as Stripe words it:
	 * {@code 1 × Pro (at $29.00 / month)}.
	 * @param price the price
	 * @param quantity how many
	 * @param start start of the period
	 * @param end end of the period
	 * @return the line
	 */
	static InvoiceLine periodLine(Price price, int quantity, Instant start, Instant end) {
		String description = quantity + " × " + price.product().name() + " (at "
				+ Money.format(price.unitAmount(), price.currency()) + " / " + intervalOf(price) + ")";
		return new InvoiceLine(description, price.unitAmount() * quantity, quantity, price.id(), false, start, end);
	}

	/**
	 * The free line of a trial.
	 * @param price the price the trial is for
	 * @param quantity how many
	 * @param start start of the trial
	 * @param end end of the trial
	 * @return the line
	 */
	static InvoiceLine trialLine(Price price, int quantity, Instant start, Instant end) {
		return new InvoiceLine("Trial period for " + price.product().name(), 0, quantity, price.id(), false, start,
				end);
	}

	/**
	 * A price's name for proration lines: its nickname, else its product's name.
	 * @param price the price
	 * @return the name
	 */
	static String nameOf(Price price) {
		return (price.nickname() != null) ? price.nickname() : price.product().name();
	}

	private static String intervalOf(Price price) {
		String interval = price.interval().value();
		return (price.intervalCount() == 1) ? interval
				: "every " + price.intervalCount() + " " + interval + "s";
	}

}
