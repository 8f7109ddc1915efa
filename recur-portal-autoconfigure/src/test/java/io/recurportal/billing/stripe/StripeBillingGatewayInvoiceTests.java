package io.recurportal.billing.stripe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceDocument;
import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.error;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for the invoice methods of {@link StripeBillingGateway}.
 */
class StripeBillingGatewayInvoiceTests {

	private static final String INVOICE_ID = "in_1MtHbELkdIwHu7ix";

	private static final String INVOICE_PATH = "/v1/invoices/" + INVOICE_ID;

	private static final byte[] PDF = "%PDF-1.7 invoice 0759376C-0002".getBytes(StandardCharsets.US_ASCII);

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingGateway gateway;

	@BeforeEach
	void createGateway() {
		this.gateway = StripeTestSupport.gateway(stripe);
	}

	private static PortalErrorCode errorCode(Runnable call) {
		PortalException ex = catchThrowableOfType(PortalException.class, call::run);
		assertThat(ex).as("PortalException").isNotNull();
		return ex.getErrorCode();
	}

	@Test
	void listInvoicesThenListsTheCustomersInvoicesUpToTheLimitAndMapsThem() {
		String open = fixture("invoice.json", (invoice) -> {
			invoice.put("id", "in_Open");
			invoice.put("status", "open");
			invoice.put("amount_paid", 0);
			invoice.withObject("status_transitions").putNull("paid_at");
		});
		stripe.stubFor(get(urlPathEqualTo("/v1/invoices"))
			.willReturn(json(list("/v1/invoices", true, open, fixture("invoice.json")))));

		List<Invoice> invoices = this.gateway.listInvoices("cus_NffrFeUfNV2Hib", 2);

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/v1/invoices");
		assertThat(request.params()).isEqualTo(Map.of("customer", "cus_NffrFeUfNV2Hib", "limit", "2"));
		assertThat(invoices).extracting(Invoice::id).containsExactly("in_Open", INVOICE_ID);
		assertThat(invoices.get(0).status()).isEqualTo(InvoiceStatus.OPEN);
		assertThat(invoices.get(0).amountRemaining()).isEqualTo(6000);
		assertThat(invoices.get(0).paidAt()).isNull();
	}

	@Test
	void listInvoicesWhenTheLimitIsAboveAPageThenPagesUntilTheLimit() {
		// Stripe may answer fewer than asked with more to come; the next page asks for what is left.
		stripe.stubFor(get(urlPathEqualTo("/v1/invoices")).withQueryParam("starting_after", absent())
			.willReturn(json(list("/v1/invoices", true, fixture("invoice.json")))));
		stripe.stubFor(get(urlPathEqualTo("/v1/invoices")).withQueryParam("starting_after", equalTo(INVOICE_ID))
			.willReturn(json(list("/v1/invoices", false,
					fixture("invoice.json", (invoice) -> invoice.put("id", "in_Older"))))));

		List<Invoice> invoices = this.gateway.listInvoices("cus_NffrFeUfNV2Hib", 150);

		assertThat(invoices).extracting(Invoice::id).containsExactly(INVOICE_ID, "in_Older");
		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::params)
			.containsExactly(Map.of("customer", "cus_NffrFeUfNV2Hib", "limit", "100"),
					Map.of("customer", "cus_NffrFeUfNV2Hib", "limit", "100", "starting_after", INVOICE_ID));
	}

	@Test
	void listInvoicesWhenTheLimitIsZeroThenAsksStripeNothing() {
		assertThat(this.gateway.listInvoices("cus_NffrFeUfNV2Hib", 0)).isEmpty();
		assertThat(requests(stripe)).isEmpty();
	}

	@Test
	void findInvoiceThenMapsSubscriptionFromParentPaidAtAndPeriodFromLines() {
		stripe.stubFor(get(urlPathEqualTo(INVOICE_PATH)).willReturn(json(fixture("invoice.json"))));

		Invoice invoice = this.gateway.findInvoice(INVOICE_ID).orElseThrow();

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo(INVOICE_PATH);
		assertThat(request.params()).isEmpty();
		assertThat(invoice).isEqualTo(new Invoice(INVOICE_ID, "0759376C-0002", "cus_NffrFeUfNV2Hib",
				"sub_1MowQVLkdIwHu7ix", InvoiceStatus.PAID, "usd", 6000, 6000, 6000, Instant.ofEpochSecond(1786000000),
				Instant.ofEpochSecond(1786000000), Instant.ofEpochSecond(1788678400), Instant.ofEpochSecond(1786003700),
				List.of(new InvoiceLine("3 × Pro (at $20.00 / month)", 6000, 3, "price_ProMonthly", false,
						Instant.ofEpochSecond(1786000000), Instant.ofEpochSecond(1788678400))),
				"https://invoice.stripe.com/i/acct_1Recur/test_YWNjdF8x",
				"https://pay.stripe.com/invoice/acct_1Recur/test_YWNjdF8x/pdf?s=ap"));
	}

	@Test
	void findInvoiceWhenUnknownThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/invoices/in_missing"))
			.willReturn(resourceMissing("invoice: 'in_missing'", null)));

		assertThat(this.gateway.findInvoice("in_missing")).isEmpty();
	}

	@Test
	void invoicePdfThenDownloadsInvoicePdfFollowingTheRedirectWithoutTheSecretKey() {
		String pdfUrl = stripe.baseUrl() + "/invoice/acct_1Recur/test_YWNjdF8x/pdf?s=ap";
		stripe.stubFor(get(urlPathEqualTo(INVOICE_PATH))
			.willReturn(json(fixture("invoice.json", (invoice) -> invoice.put("invoice_pdf", pdfUrl)))));
		stripe.stubFor(get(urlPathEqualTo("/invoice/acct_1Recur/test_YWNjdF8x/pdf"))
			.willReturn(temporaryRedirect(stripe.baseUrl() + "/files/invoice.pdf")));
		stripe.stubFor(get(urlPathEqualTo("/files/invoice.pdf"))
			.willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody(PDF)));

		InvoiceDocument document = this.gateway.invoicePdf(INVOICE_ID);

		assertThat(document.filename()).isEqualTo("invoice-0759376C-0002.pdf");
		assertThat(document.content()).isEqualTo(PDF);
		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).extracting(StripeTestSupport.Recorded::path)
			.containsExactly(INVOICE_PATH, "/invoice/acct_1Recur/test_YWNjdF8x/pdf", "/files/invoice.pdf");
		requests.get(0).assertStripeHeaders();
		assertThat(requests.subList(1, 3)).extracting(StripeTestSupport.Recorded::authorization).containsOnlyNulls();
	}

	@Test
	void invoicePdfWhenDraftThenInvalidRequest() {
		stripe.stubFor(get(urlPathEqualTo(INVOICE_PATH)).willReturn(json(fixture("invoice.json", (invoice) -> {
			invoice.put("status", "draft");
			invoice.putNull("number");
			invoice.putNull("invoice_pdf");
		}))));

		assertThat(errorCode(() -> this.gateway.invoicePdf(INVOICE_ID))).isEqualTo(PortalErrorCode.INVALID_REQUEST);
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void invoicePdfWhenUnknownThenInvoiceNotFound() {
		stripe.stubFor(get(urlPathEqualTo("/v1/invoices/in_missing"))
			.willReturn(resourceMissing("invoice: 'in_missing'", null)));

		assertThat(errorCode(() -> this.gateway.invoicePdf("in_missing")))
			.isEqualTo(PortalErrorCode.INVOICE_NOT_FOUND);
	}

	@Test
	void invoicePdfWhenTheDownloadFailsThenProviderUnavailable() {
		String pdfUrl = stripe.baseUrl() + "/invoice/broken/pdf";
		stripe.stubFor(get(urlPathEqualTo(INVOICE_PATH))
			.willReturn(json(fixture("invoice.json", (invoice) -> invoice.put("invoice_pdf", pdfUrl)))));
		stripe.stubFor(get(urlPathEqualTo("/invoice/broken/pdf")).willReturn(serverError()));

		assertThat(errorCode(() -> this.gateway.invoicePdf(INVOICE_ID)))
			.isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
	}

	@Test
	void invoicePdfWhenTheDocumentStallsAfterItsHeadersThenProviderUnavailableAtTheReadTimeout() throws Exception {
		StripeBillingGateway impatient = StripeTestSupport.gateway(stripe, Duration.ofMillis(300));
		try (StallingServer files = new StallingServer("application/pdf", PDF, Duration.ofSeconds(5))) {
			String pdfUrl = files.baseUrl() + "/files/in.pdf";
			stripe.stubFor(get(urlPathEqualTo(INVOICE_PATH))
				.willReturn(json(fixture("invoice.json", (invoice) -> invoice.put("invoice_pdf", pdfUrl)))));

			assertThat(errorCode(() -> impatient.invoicePdf(INVOICE_ID)))
				.isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		}
	}

	@Test
	void payInvoiceThenPostsPayWithThePaymentMethodAndIdempotencyKey() {
		stripe.stubFor(post(urlPathEqualTo(INVOICE_PATH + "/pay")).willReturn(json(fixture("invoice.json"))));

		Invoice invoice = this.gateway.payInvoice(INVOICE_ID, "pm_1NewMaster", "pay:in_1:1");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(INVOICE_PATH + "/pay");
		assertThat(request.params()).isEqualTo(Map.of("payment_method", "pm_1NewMaster"));
		assertThat(request.idempotencyKey()).isEqualTo("pay:in_1:1");
		assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
	}

	@Test
	void payInvoiceWithoutPaymentMethodThenChargesTheDefault() {
		stripe.stubFor(post(urlPathEqualTo(INVOICE_PATH + "/pay")).willReturn(json(fixture("invoice.json"))));

		this.gateway.payInvoice(INVOICE_ID, null, "pay:in_1:2");

		StripeTestSupport.Recorded request = onlyRequest(stripe);
		assertThat(request.params()).isEmpty();
		assertThat(request.idempotencyKey()).isEqualTo("pay:in_1:2");
	}

	@Test
	void payInvoiceWhenTheCardIsDeclinedThenPaymentFailedWithTheDeclineCode() {
		stripe.stubFor(post(urlPathEqualTo(INVOICE_PATH + "/pay")).willReturn(
				error(402, "card_error", "card_declined", "Your card was declined.", null, "generic_decline")));

		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.payInvoice(INVOICE_ID, null, "pay:in_1:3"));

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PAYMENT_FAILED);
		assertThat(ex.getMessage()).isEqualTo("The payment was declined (generic_decline)");
		// A decline is an answer, not an outage: it is not retried.
		assertThat(requests(stripe)).hasSize(1);
	}

	@Test
	void payInvoiceWhenUnknownThenInvoiceNotFound() {
		stripe.stubFor(post(urlPathEqualTo("/v1/invoices/in_missing/pay"))
			.willReturn(resourceMissing("invoice: 'in_missing'", null)));

		assertThat(errorCode(() -> this.gateway.payInvoice("in_missing", null, "pay:missing")))
			.isEqualTo(PortalErrorCode.INVOICE_NOT_FOUND);
	}

}
