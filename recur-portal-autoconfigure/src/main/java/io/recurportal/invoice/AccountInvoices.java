package io.recurportal.invoice;

import java.util.List;

import org.springframework.util.Assert;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceDocument;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.subscription.AccountSubscriptions;

/**
 * An account's invoices. An invoice of another customer is not found, exactly like one
 * that does not exist.
 */
public final class AccountInvoices {

	/** How many invoices the history shows. */
	public static final int HISTORY_SIZE = 24;

	private final BillingGateway gateway;

	private final AccountSubscriptions subscriptions;

	private final AccountSnapshots snapshots;

	public AccountInvoices(BillingGateway gateway, AccountSubscriptions subscriptions, AccountSnapshots snapshots) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(subscriptions, "subscriptions must not be null");
		Assert.notNull(snapshots, "snapshots must not be null");
		this.gateway = gateway;
		this.subscriptions = subscriptions;
		this.snapshots = snapshots;
	}

	/**
	 * The account's latest invoices, drafts left out; from the account's snapshot when
	 * there is one.
	 * @param accountId the account
	 * @return the invoices, newest first
	 */
	public List<Invoice> list(String accountId) {
		return this.snapshots
			.invoices(accountId,
					() -> this.subscriptions.customerId(accountId)
						.map((customerId) -> this.gateway.listInvoices(customerId, HISTORY_SIZE))
						.orElse(List.of()))
			.stream()
			.filter((invoice) -> invoice.status() != InvoiceStatus.DRAFT)
			.toList();
	}

	/**
	 * One of the account's invoices.
	 * @param accountId the account
	 * @param invoiceId the invoice
	 * @return the invoice
	 * @throws PortalException {@code invoice_not_found} when the account has no such invoice
	 */
	public Invoice require(String accountId, String invoiceId) {
		String customerId = this.subscriptions.customerId(accountId).orElse(null);
		return this.gateway.findInvoice(invoiceId)
			// An invoice of no customer (Stripe may bill a customer account instead) is no account's.
			.filter((invoice) -> customerId != null && customerId.equals(invoice.customerId()))
			.filter((invoice) -> invoice.status() != InvoiceStatus.DRAFT)
			.orElseThrow(() -> new PortalException(PortalErrorCode.INVOICE_NOT_FOUND,
					"No such invoice on this account."));
	}

	/**
	 * The PDF of one of the account's invoices.
	 * @param accountId the account
	 * @param invoiceId the invoice
	 * @return the document
	 */
	public InvoiceDocument pdf(String accountId, String invoiceId) {
		return this.gateway.invoicePdf(require(accountId, invoiceId).id());
	}

}
