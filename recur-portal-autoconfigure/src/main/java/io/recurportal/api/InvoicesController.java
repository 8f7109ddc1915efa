package io.recurportal.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.InvoiceDocument;
import io.recurportal.billing.ProviderIds;
import io.recurportal.invoice.AccountInvoices;
import io.recurportal.invoice.InvoiceDownloads;

/**
 * The account's invoice history and invoice PDFs.
 */
@RestController
@RequestMapping("${recur.portal.api.path:/api/subscriptions}/invoices")
public class InvoicesController {

	private final AccountInvoices invoices;

	private final String apiPath;

	public InvoicesController(AccountInvoices invoices, String apiPath) {
		this.invoices = invoices;
		this.apiPath = apiPath;
	}

	@GetMapping
	@PortalEndpoint(PortalAction.VIEW_INVOICES)
	Map<String, List<InvoiceView>> list(PortalCaller caller) {
		return Map.of("data", this.invoices.list(caller.account().accountId())
			.stream()
			.map((invoice) -> InvoiceView.of(invoice, this.apiPath))
			.toList());
	}

	@GetMapping("/{id}/pdf")
	@PortalEndpoint(PortalAction.DOWNLOAD_INVOICE)
	ResponseEntity<byte[]> pdf(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id) {
		InvoiceDocument document = this.invoices.pdf(caller.account().accountId(), id);
		return InvoiceDownloads.attachment(document);
	}

}
