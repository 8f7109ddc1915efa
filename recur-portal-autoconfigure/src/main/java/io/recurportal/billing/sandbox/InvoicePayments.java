package io.recurportal.billing.sandbox;

import java.time.Instant;

import io.recurportal.billing.InvoiceStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.jspecify.annotations.Nullable;

/**
 * Pays invoices on request, the portal's way back from on hold: once an on-hold
 * subscription has no open invoice left, it is active again.
 */
final class InvoicePayments {

	private InvoicePayments() {
	}

	/**
	 * Charges what is left on an invoice.
	 * @param ledger the ledger copy to change
	 * @param invoiceId the invoice
	 * @param paymentMethodId the card to charge, or {@code null} for the default one
	 * @param now the time
	 * @return the paid invoice
	 * @throws PortalException {@code invoice_not_found}, {@code payment_method_not_found}
	 * for a card that is not the invoice customer's, {@code invalid_request} when the
	 * invoice is paid or void, {@code payment_failed} when the charge fails
	 */
	static SandboxInvoice pay(SandboxLedger ledger, String invoiceId, @Nullable String paymentMethodId,
			Instant now) {
		SandboxInvoice invoice = ledger.requireInvoice(invoiceId);
		SandboxCustomer customer = ledger.requireCustomer(invoice.customerId);
		SandboxSubscription subscription = (invoice.subscriptionId != null)
				? ledger.subscription(invoice.subscriptionId).orElse(null) : null;
		SavedCard card = (paymentMethodId != null) ? ledger.requireCard(paymentMethodId, customer.id)
				: Invoicing.defaultCard(ledger, customer, subscription);
		switch (invoice.status) {
			case PAID -> throw new PortalException(PortalErrorCode.INVALID_REQUEST, "The invoice is already paid.");
			case VOID -> throw new PortalException(PortalErrorCode.INVALID_REQUEST, "The invoice is void.");
			case DRAFT -> Invoicing.finalizeDraft(customer, invoice, now);
			case UNCOLLECTIBLE -> invoice.status = InvoiceStatus.OPEN;
			case OPEN -> {
			}
		}
		String decline = Invoicing.collect(invoice, card, now);
		if (decline != null) {
			throw new PortalException(PortalErrorCode.PAYMENT_FAILED, decline);
		}
		if (subscription != null) {
			SubscriptionStateMachine.recoverIfSettled(ledger, subscription);
		}
		return invoice;
	}

}
