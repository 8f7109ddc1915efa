package io.recurportal.billing.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.NewCustomer;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.ProrationPreview;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.billing.stripe.webhook.StripeEventReader;
import io.recurportal.billing.BillingEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.object;
import static io.recurportal.billing.stripe.StripeTestSupport.searchResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every Stripe object the portal reads, in the smallest shape Stripe's API reference allows
 * for the API version stripe-java pins ({@code minimal/*.json}: nullable fields
 * {@code null}, optional and expandable ones absent, lists empty), read through stripe-java
 * by every gateway method that reads it: each maps to something sensible or to a portal
 * error with a stable code, never to an unexpected exception.
 */
class StripeMinimalObjectsTests {

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingGateway gateway;

	@BeforeEach
	void createGateway() {
		this.gateway = StripeTestSupport.gateway(stripe);
	}

	static String minimal(String name) {
		return fixture("minimal/" + name + ".json");
	}

	@Test
	void customerWithNothingButItsIdMapsWithoutEmailNameAddressOrCard() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_minimal")).willReturn(json(minimal("customer"))));

		Customer customer = this.gateway.findCustomer("cus_minimal").orElseThrow();

		assertThat(customer.id()).isEqualTo("cus_minimal");
		assertThat(customer.externalId()).isNull();
		assertThat(customer.email()).isNull();
		assertThat(customer.name()).isNull();
		assertThat(customer.phone()).isNull();
		assertThat(customer.address()).isNull();
		assertThat(customer.currency()).isNull();
		assertThat(customer.defaultPaymentMethodId()).isNull();
		assertThat(customer.defaultPaymentMethod()).isNull();
		assertThat(customer.creditBalance()).isZero();
	}

	@Test
	void customerWithoutInvoiceSettingsOrMetadataMaps() {
		// Newer references list both as possibly absent (null) on customers of account-based billing.
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_minimal"))
			.willReturn(json(fixture("minimal/customer.json", (customer) -> {
				customer.remove("invoice_settings");
				customer.putNull("metadata");
			}))));

		Customer customer = this.gateway.findCustomer("cus_minimal").orElseThrow();

		assertThat(customer.metadata()).isEmpty();
		assertThat(customer.defaultPaymentMethodId()).isNull();
	}

	@Test
	void customerLookupsCreationAndUpdateAnsweredWithMinimalCustomers() {
		String linked = fixture("minimal/customer.json",
				(customer) -> customer.putObject("metadata").put("recur_account_id", "acct-min"));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(json(searchResult("/v1/customers/search", linked))));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers")).willReturn(json(list("/v1/customers", false))));
		stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(json(linked)));
		stripe.stubFor(post(urlPathEqualTo("/v1/customers/cus_minimal")).willReturn(json(minimal("customer"))));

		assertThat(this.gateway.findCustomerByExternalId("acct-min")).map(Customer::id).contains("cus_minimal");
		assertThat(this.gateway.findCustomerByEmail("nobody@example.com")).isEmpty();
		assertThat(this.gateway.createCustomer(new NewCustomer("acct-min", null, null), "create:acct-min").externalId())
			.isEqualTo("acct-min");
		assertThat(this.gateway
			.updateCustomer("cus_minimal", new CustomerProfileUpdate(null, null, null, null, null), "update:1")
			.email()).isNull();
	}

	@Test
	void emptySearchResultAndEmptyListFindNoCustomer() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(json(searchResult("/v1/customers/search"))));

		assertThat(this.gateway.findCustomerByExternalId("acct-min")).isEmpty();
	}

	@Test
	void pricesWithoutAmountOrRecurrenceAreNotOffered() {
		String expanded = fixture("minimal/recurring-price.json",
				(price) -> price.set("product", object(minimal("product"))));
		String oneTime = fixture("minimal/price.json", (price) -> price.set("product", object(minimal("product"))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices")).willReturn(json(list("/v1/prices", false, oneTime,
				expanded))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_minimal")).willReturn(json(oneTime)));

		assertThat(this.gateway.listPrices()).isEmpty();
		assertThat(this.gateway.findPrice("price_minimal")).isEmpty();
	}

	@Test
	void priceWithAnAmountAndAMinimalProductIsOffered() {
		String price = fixture("minimal/recurring-price.json", (edited) -> {
			edited.put("unit_amount", 900).put("billing_scheme", "per_unit").putNull("tiers_mode");
			edited.set("product", object(minimal("product")));
		});
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_minimal_recurring")).willReturn(json(price)));

		assertThat(this.gateway.findPrice("price_minimal_recurring")).hasValueSatisfying((found) -> {
			assertThat(found.nickname()).isNull();
			assertThat(found.product().name()).isEqualTo("Minimal");
			assertThat(found.product().description()).isNull();
			assertThat(found.metadata()).isEmpty();
		});
	}

	@Test
	void minimalSubscriptionIsListedFoundAndChanged() {
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions"))
			.willReturn(json(list("/v1/subscriptions", false, minimal("subscription")))));
		stripe.stubFor(get(urlPathEqualTo("/v1/products"))
			.willReturn(json(list("/v1/products", false, minimal("product")))));
		String withProduct = withExpandedProduct(minimal("subscription"));
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_minimal")).willReturn(json(withProduct)));
		stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions/sub_minimal")).willReturn(json(withProduct)));
		stripe.stubFor(delete(urlPathEqualTo("/v1/subscriptions/sub_minimal")).willReturn(json(withProduct)));

		List<Subscription> listed = this.gateway.listSubscriptions("cus_minimal");
		assertThat(listed).singleElement().satisfies(StripeMinimalObjectsTests::assertMinimalSubscription);
		assertMinimalSubscription(this.gateway.findSubscription("sub_minimal").orElseThrow());
		assertMinimalSubscription(this.gateway.cancel("sub_minimal", CancelTiming.IMMEDIATELY,
				new CancellationReason(null, null), "cancel:1"));
		assertMinimalSubscription(this.gateway.pause("sub_minimal", null, "pause:1"));
		assertMinimalSubscription(this.gateway.resume("sub_minimal", "resume:1"));
		assertMinimalSubscription(this.gateway.changePrice("sub_minimal", "price_other", ProrationBehavior.NONE,
				"change:1"));
	}

	private static void assertMinimalSubscription(Subscription subscription) {
		assertThat(subscription.id()).isEqualTo("sub_minimal");
		assertThat(subscription.customerId()).isEqualTo("cus_minimal");
		// A tiered price has no unit amount: shown as 0, never a failure.
		assertThat(subscription.price().unitAmount()).isZero();
		assertThat(subscription.quantity()).isEqualTo(1);
		assertThat(subscription.cancellationReason()).isNull();
		assertThat(subscription.latestInvoiceId()).isNull();
		assertThat(subscription.defaultPaymentMethodId()).isNull();
		assertThat(subscription.currentPeriodEnd()).isEqualTo(Instant.ofEpochSecond(1758362400));
	}

	static String withExpandedProduct(String subscription) {
		ObjectNode node = object(subscription);
		((ObjectNode) node.get("items").get("data").get(0).get("price")).set("product", object(minimal("product")));
		return node.toString();
	}

	@Test
	void subscriptionWithoutItemsIsNotFound() {
		String empty = fixture("minimal/subscription.json",
				(subscription) -> subscription.withObject("items").putArray("data"));
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_minimal")).willReturn(json(empty)));
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions")).willReturn(json(list("/v1/subscriptions", false,
				empty))));

		assertThat(this.gateway.listSubscriptions("cus_minimal")).isEmpty();
		PortalException ex = catchThrowableOfType(PortalException.class,
				() -> this.gateway.findSubscription("sub_minimal"));
		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.SUBSCRIPTION_NOT_FOUND);
	}

	@Test
	void minimalInvoiceMapsWithoutNumberStatusUrlsOrLines() {
		stripe.stubFor(get(urlPathEqualTo("/v1/invoices")).willReturn(json(list("/v1/invoices", false,
				minimal("invoice")))));
		stripe.stubFor(get(urlPathEqualTo("/v1/invoices/in_minimal")).willReturn(json(minimal("invoice"))));
		stripe.stubFor(post(urlPathEqualTo("/v1/invoices/in_minimal/pay")).willReturn(json(minimal("invoice"))));

		Invoice invoice = this.gateway.listInvoices("cus_minimal", 10).get(0);

		assertThat(invoice.number()).isNull();
		assertThat(invoice.status()).isEqualTo(InvoiceStatus.DRAFT);
		assertThat(invoice.subscriptionId()).isNull();
		assertThat(invoice.paidAt()).isNull();
		assertThat(invoice.lines()).isEmpty();
		assertThat(invoice.hostedInvoiceUrl()).isNull();
		assertThat(invoice.invoicePdfUrl()).isNull();
		assertThat(invoice.periodStart()).isEqualTo(Instant.ofEpochSecond(1755684000));
		assertThat(this.gateway.findInvoice("in_minimal")).contains(invoice);
		assertThat(this.gateway.payInvoice("in_minimal", null, "pay:1")).isEqualTo(invoice);
		PortalException noPdf = catchThrowableOfType(PortalException.class,
				() -> this.gateway.invoicePdf("in_minimal"));
		assertThat(noPdf.getErrorCode()).isEqualTo(PortalErrorCode.INVALID_REQUEST);
	}

	@Test
	void invoiceWithoutCustomerMapsWithoutOne() {
		stripe.stubFor(get(urlPathEqualTo("/v1/invoices/in_minimal"))
			.willReturn(json(fixture("minimal/invoice.json", (invoice) -> invoice.putNull("customer")))));

		assertThat(this.gateway.findInvoice("in_minimal")).hasValueSatisfying(
				(invoice) -> assertThat(invoice.customerId()).isNull());
	}

	@Test
	void minimalInvoiceLineMapsWithoutDescriptionPriceOrQuantity() {
		String invoice = fixture("minimal/invoice.json",
				(edited) -> edited.withObject("lines").putArray("data").add(object(minimal("invoice-line-item"))));
		stripe.stubFor(get(urlPathEqualTo("/v1/invoices/in_minimal")).willReturn(json(invoice)));

		assertThat(this.gateway.findInvoice("in_minimal").orElseThrow().lines()).singleElement()
			.satisfies((line) -> {
				assertThat(line.description()).isEmpty();
				assertThat(line.priceId()).isNull();
				assertThat(line.quantity()).isEqualTo(1);
				assertThat(line.proration()).isFalse();
			});
	}

	@Test
	void prorationPreviewOfAMinimalPreviewInvoice() {
		String price = fixture("minimal/recurring-price.json", (edited) -> {
			edited.put("id", "price_other").put("unit_amount", 900).put("billing_scheme", "per_unit");
			edited.putNull("tiers_mode");
			edited.set("product", object(minimal("product")));
		});
		String preview = fixture("minimal/invoice.json", (edited) -> {
			edited.put("id", "upcoming_in_minimal");
			edited.withObject("lines").putArray("data").add(object(minimal("invoice-line-item")));
		});
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_minimal"))
			.willReturn(json(withExpandedProduct(minimal("subscription")))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_other")).willReturn(json(price)));
		stripe.stubFor(post(urlPathEqualTo("/v1/invoices/create_preview")).willReturn(json(preview)));

		ProrationPreview result = this.gateway.previewPriceChange("sub_minimal", "price_other",
				ProrationBehavior.CREATE_PRORATIONS);

		assertThat(result.prorationAmount()).isZero();
		assertThat(result.nextInvoiceTotal()).isZero();
	}

	@Test
	void paymentMethodsOfNoCustomerAreLeftOutAndMinimalCardsMap() {
		String attached = fixture("minimal/payment-method.json",
				(method) -> method.put("id", "pm_minimal_card").put("customer", "cus_minimal"));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_minimal/payment_methods")).willReturn(
				json(list("/v1/customers/cus_minimal/payment_methods", false, minimal("payment-method"), attached))));
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_minimal")).willReturn(json(minimal(
				"payment-method"))));
		stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/pm_minimal_card"))
			.willReturn(json(attached)));
		stripe.stubFor(post(urlPathEqualTo("/v1/customers/cus_minimal")).willReturn(json(minimal("customer"))));
		stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions")).willReturn(json(list("/v1/subscriptions", false))));

		List<PaymentMethod> methods = this.gateway.listPaymentMethods("cus_minimal");

		assertThat(methods).singleElement().satisfies((method) -> {
			assertThat(method.id()).isEqualTo("pm_minimal_card");
			assertThat(method.card()).isNotNull();
			assertThat(method.card().last4()).isEqualTo("0000");
		});
		assertThat(this.gateway.findPaymentMethod("pm_minimal")).isEmpty();
		assertThat(this.gateway.setDefaultPaymentMethod("cus_minimal", "pm_minimal_card", "default:1").id())
			.isEqualTo("cus_minimal");
	}

	@Test
	void checkoutSessionWithoutCustomerStatusUrlsOrExpansionsMaps() {
		stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_test_minimal"))
			.willReturn(json(minimal("checkout-session"))));

		CheckoutSession session = this.gateway.findCheckoutSession("cs_test_minimal").orElseThrow();

		assertThat(session.customerId()).isNull();
		assertThat(session.status()).isEqualTo(CheckoutStatus.OPEN);
		assertThat(session.mode()).isEqualTo(CheckoutMode.SUBSCRIPTION);
		assertThat(session.url()).isNull();
		assertThat(session.priceId()).isNull();
		assertThat(session.subscriptionId()).isNull();
		assertThat(session.paymentMethodId()).isNull();
		assertThat(session.successUrl()).isEmpty();
	}

	@Test
	void setupCheckoutSessionWithAMinimalSetupIntentHasNoPaymentMethod() {
		String session = fixture("minimal/checkout-session.json", (edited) -> {
			edited.put("mode", "setup").put("status", "complete");
			edited.set("setup_intent", object(minimal("setup-intent")));
		});
		stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_test_minimal")).willReturn(json(session)));

		CheckoutSession found = this.gateway.findCheckoutSession("cs_test_minimal").orElseThrow();

		assertThat(found.mode()).isEqualTo(CheckoutMode.SETUP);
		assertThat(found.paymentMethodId()).isNull();
		assertThat(found.subscriptionId()).isNull();
	}

	@Test
	void createdCheckoutSessionThatNamesNoCustomerKeepsTheOneAskedFor() {
		stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(json(minimal("checkout-session"))));

		CheckoutSession session = this.gateway.createCheckoutSession(new CheckoutSessionRequest(
				CheckoutMode.SUBSCRIPTION, "cus_minimal", "price_minimal_recurring", null,
				"https://app.example.com/done", "https://app.example.com/back", Map.of()), "checkout:1");

		assertThat(session.customerId()).isEqualTo("cus_minimal");
		assertThat(session.url()).isNull();
	}

	@Test
	void billingPortalSessionOfMinimalConfigurationAndSession() {
		stripe.stubFor(get(urlPathEqualTo(HostedPortalTestSupport.CONFIGURATIONS_PATH))
			.willReturn(json(list(HostedPortalTestSupport.CONFIGURATIONS_PATH, false,
					minimal("billing-portal-configuration")))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices")).willReturn(json(list("/v1/prices", false))));
		stripe.stubFor(post(urlPathEqualTo(HostedPortalTestSupport.CONFIGURATIONS_PATH))
			.willReturn(json(minimal("billing-portal-configuration"))));
		stripe.stubFor(post(urlPathEqualTo("/v1/billing_portal/configurations/bpc_minimal"))
			.willReturn(json(minimal("billing-portal-configuration"))));
		stripe.stubFor(post(urlPathEqualTo(HostedPortalTestSupport.SESSIONS_PATH))
			.willReturn(json(minimal("billing-portal-session"))));
		StripeBillingPortal portal = HostedPortalTestSupport.portal(stripe,
				List.of(HostedPortalTestSupport.INVOICES));

		HostedPortalSession session = portal.createSession("cus_minimal", HostedPortalTestSupport.INVOICES.id(),
				"https://app.example.com/account", null, null, "portal:1");

		assertThat(session.url()).isEqualTo("https://billing.stripe.com/p/session/test_minimal");
		assertThat(portal.findStripeConfigurationId(HostedPortalTestSupport.INVOICES.id())).isPresent();
	}

	@Test
	void minimalEventOfAMinimalCheckoutSessionNamesNothing() {
		String event = fixture("minimal/event.json", (edited) -> ((ObjectNode) edited.get("data")).set("object",
				object(minimal("checkout-session"))));

		BillingEvent read = new StripeEventReader().read(event);

		assertThat(read.id()).isEqualTo("evt_minimal");
		assertThat(read.customerId()).isNull();
		assertThat(read.subscriptionId()).isNull();
		assertThat(read.invoiceId()).isNull();
		assertThat(read.accountId()).isNull();
		assertThat(Optional.ofNullable(read.customerId())).isEmpty();
	}

}
