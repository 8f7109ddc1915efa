package io.recurportal.billing.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.recurportal.billing.Address;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceDocument;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.VISA;
import static io.recurportal.billing.sandbox.SandboxFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invoices: numbers, listing, paying and their PDFs.
 */
class InvoiceTests {

	private final SandboxFixture sandbox = new SandboxFixture();

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	@Test
	void invoiceNumbersThenCustomerPrefixAndSequencePerCustomer() {
		Subscription first = this.sandbox.subscribe("price_pro_monthly", VISA);
		Subscription second = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.advanceClock(Duration.ofDays(30));
		List<Invoice> firstInvoices = this.gateway.listInvoices(first.customerId(), 10);
		List<Invoice> secondInvoices = this.gateway.listInvoices(second.customerId(), 10);
		String firstPrefix = InvoiceNumbers.prefixOf(first.customerId());
		assertThat(firstPrefix).matches("[A-Z0-9]{8}");
		assertThat(firstPrefix).isNotEqualTo(InvoiceNumbers.prefixOf(second.customerId()));
		assertThat(firstInvoices).extracting(Invoice::number).containsExactly(firstPrefix + "-0002", firstPrefix + "-0001");
		assertThat(secondInvoices).extracting(Invoice::number)
			.containsExactly(InvoiceNumbers.prefixOf(second.customerId()) + "-0002",
					InvoiceNumbers.prefixOf(second.customerId()) + "-0001");
		assertThat(firstInvoices).allSatisfy((invoice) -> {
			assertThat(invoice.id()).startsWith("in_");
			assertThat(invoice.hostedInvoiceUrl()).isNull();
			assertThat(invoice.invoicePdfUrl()).isNull();
			assertThat(invoice.subscriptionId()).isEqualTo(first.id());
		});
	}

	@Test
	void listInvoicesThenNewestFirstAndLimited() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.advanceClock(Duration.ofDays(100));
		assertThat(this.gateway.listInvoices(subscription.customerId(), 2)).hasSize(2)
			.extracting(Invoice::number)
			.allMatch((number) -> number.endsWith("-0004") || number.endsWith("-0003"));
		assertThat(this.gateway.listInvoices("cus_missing", 10)).isEmpty();
		failure(PortalErrorCode.INVALID_REQUEST, () -> this.gateway.listInvoices(subscription.customerId(), 0));
	}

	@Test
	void payInvoiceWhenAlreadyPaidThenInvalidRequest() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		failure(PortalErrorCode.INVALID_REQUEST,
				() -> this.gateway.payInvoice(subscription.latestInvoiceId(), null, this.sandbox.key()));
	}

	@Test
	void payInvoiceWhenUnknownThenInvoiceNotFound() {
		failure(PortalErrorCode.INVOICE_NOT_FOUND, () -> this.gateway.payInvoice("in_missing", null, this.sandbox.key()));
		assertThat(this.gateway.findInvoice("in_missing")).isEmpty();
	}

	@Test
	void payInvoiceWithAnotherCustomersCardThenPaymentMethodNotFound() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(30));
		Subscription other = this.sandbox.subscribe("price_pro_monthly", VISA);
		String openId = this.sandbox.subscription(subscription.id()).latestInvoiceId();
		failure(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND,
				() -> this.gateway.payInvoice(openId, other.defaultPaymentMethodId(), this.sandbox.key()));
		failure(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND,
				() -> this.gateway.payInvoice(openId, "pm_missing", this.sandbox.key()));
		assertThat(this.sandbox.invoice(openId).status()).isEqualTo(InvoiceStatus.OPEN);
	}

	@Test
	void payInvoiceWhenDraftThenFinalizedAndPaid() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(61));
		String draftId = this.sandbox.subscription(subscription.id()).latestInvoiceId();
		assertThat(this.sandbox.invoice(draftId).status()).isEqualTo(InvoiceStatus.DRAFT);
		PaymentMethod visa = this.gateway.attachCard(subscription.customerId(), VISA, 12, 2030, this.sandbox.key());
		Invoice paid = this.gateway.payInvoice(draftId, visa.id(), this.sandbox.key());
		assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(paid.number()).endsWith("-0003");
	}

	@Test
	void invoicePdfThenRealPdfWithNumberCustomerLinesAndTotals() throws IOException {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.gateway.updateCustomer(subscription.customerId(), new CustomerProfileUpdate("Alice Example",
				"alice@example.com", "+1 555 0100",
				new Address("1 Main St", null, "Springfield", null, "12345", "US"), "US123456789"), this.sandbox.key());
		Invoice invoice = this.sandbox.invoice(subscription.latestInvoiceId());
		InvoiceDocument document = this.gateway.invoicePdf(invoice.id());
		assertThat(document.filename()).isEqualTo("invoice-" + invoice.number() + ".pdf");
		assertThat(new String(document.content(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF");
		String text = textOf(document);
		assertThat(text).contains("Sandbox", "Invoice", invoice.number(), "April 1, 2026", "Alice Example",
				"alice@example.com", "1 Main St", "12345 Springfield", "Tax ID: US123456789",
				"1 × Pro (at $29.00 / month)", "$29.00", "Amount paid", "paid");
	}

	@Test
	void invoicePdfWhenCreditAppliedThenShowsCreditAndAmountDue() throws IOException {
		Subscription subscription = this.sandbox.subscribe("price_business_monthly", VISA);
		this.gateway.advanceClock(Duration.ofDays(15));
		this.gateway.changePrice(subscription.id(), "price_pro_monthly",
				io.recurportal.billing.ProrationBehavior.ALWAYS_INVOICE, this.sandbox.key());
		this.gateway.advanceClock(Duration.ofDays(15));
		Invoice renewal = this.sandbox.latestInvoice(subscription.id());
		String text = textOf(this.gateway.invoicePdf(renewal.id()));
		assertThat(text).contains("Credit applied", "-$10.00", "Amount due", "$19.00");
	}

	@Test
	void invoicePdfWhenUnknownThenInvoiceNotFound() {
		failure(PortalErrorCode.INVOICE_NOT_FOUND, () -> this.gateway.invoicePdf("in_missing"));
	}

	@Test
	void invoicePdfWhenDraftThenInvalidRequest() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		this.sandbox.switchToFailingCard(subscription);
		this.gateway.advanceClock(Duration.ofDays(61));
		String draftId = this.sandbox.subscription(subscription.id()).latestInvoiceId();
		failure(PortalErrorCode.INVALID_REQUEST, () -> this.gateway.invoicePdf(draftId));
	}

	private static String textOf(InvoiceDocument document) throws IOException {
		try (PdfReader reader = new PdfReader(document.content())) {
			return new PdfTextExtractor(reader).getTextFromPage(1);
		}
	}

}
