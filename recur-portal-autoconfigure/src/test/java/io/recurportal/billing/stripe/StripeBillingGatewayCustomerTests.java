package io.recurportal.billing.stripe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.billing.Address;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.NewCustomer;
import io.recurportal.billing.ProviderInfo;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static io.recurportal.billing.stripe.StripeTestSupport.searchResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the customer methods of {@link StripeBillingGateway}.
 */
class StripeBillingGatewayCustomerTests {

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingGateway gateway;

	@BeforeEach
	void createGateway() {
		this.gateway = StripeTestSupport.gateway(stripe);
	}

	@Test
	void providerInfoThenNamesStripeWithPublishableKeyAndTestModeWithoutCallingStripe() {
		assertThat(this.gateway.providerInfo())
			.isEqualTo(new ProviderInfo("stripe", StripeTestSupport.PUBLISHABLE_KEY, false));
		assertThat(requests(stripe)).isEmpty();
	}

	@Test
	void findCustomerWhenKnownThenGetsCustomerAndMapsProfile() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib"))
			.willReturn(json(fixture("customer.json"))));

		Customer customer = this.gateway.findCustomer("cus_NffrFeUfNV2Hib").orElseThrow();

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/v1/customers/cus_NffrFeUfNV2Hib");
		assertThat(request.params()).isEqualTo(Map.of("expand[0]", "invoice_settings.default_payment_method"));
		assertThat(request.idempotencyKey()).isNull();
		assertThat(customer).isEqualTo(new Customer("cus_NffrFeUfNV2Hib", "acct-42", "jenny.rosen@example.com",
				"Jenny Rosen", "+886912345678", new Address("7 Xinyi Road", "Floor 12", "Taipei", null, "110", "TW"),
				"TW12345678", "pm_1Visa4242", 1500, "usd",
				Map.of("recur_account_id", "acct-42", "recur_tax_id", "TW12345678")));
	}

	@Test
	void findCustomerWhenDefaultCardExpandedThenCustomerCarriesIt() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib"))
			.willReturn(json(fixture("customer.json", (customer) -> ((ObjectNode) customer.get("invoice_settings"))
				.set("default_payment_method", JsonMapper.shared().readTree(fixture("payment-method.json")))))));

		Customer customer = this.gateway.findCustomer("cus_NffrFeUfNV2Hib").orElseThrow();

		assertThat(customer.defaultPaymentMethodId()).isEqualTo(customer.defaultPaymentMethod().id());
		assertThat(customer.defaultPaymentMethod().card()).isNotNull();
		assertThat(customer.defaultPaymentMethod().card().last4()).hasSize(4);
	}

	@Test
	void findCustomerWhenBalanceOwedThenCreditBalanceIsZero() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib"))
			.willReturn(json(fixture("customer.json", (customer) -> customer.put("balance", 700)))));

		assertThat(this.gateway.findCustomer("cus_NffrFeUfNV2Hib")).get()
			.extracting(Customer::creditBalance)
			.isEqualTo(0L);
	}

	@Test
	void findCustomerWhenPreferredLocalesThenCarriesThemInOrder() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib"))
			.willReturn(json(fixture("customer.json",
					(customer) -> customer.putArray("preferred_locales").add("ja-JP").add("en")))));

		assertThat(this.gateway.findCustomer("cus_NffrFeUfNV2Hib")).get()
			.extracting(Customer::preferredLocales)
			.isEqualTo(List.of("ja-JP", "en"));
	}

	@Test
	void findCustomerWhenPreferredLocalesNullThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib"))
			.willReturn(json(fixture("customer.json", (customer) -> customer.putNull("preferred_locales")))));

		assertThat(this.gateway.findCustomer("cus_NffrFeUfNV2Hib")).get()
			.extracting(Customer::preferredLocales)
			.isEqualTo(List.of());
	}

	@Test
	void findCustomerWhenUnknownThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_missing"))
			.willReturn(resourceMissing("customer: 'cus_missing'", "id")));

		assertThat(this.gateway.findCustomer("cus_missing")).isEmpty();
	}

	@Test
	void findCustomerWhenDeletedThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/cus_gone"))
			.willReturn(json("{\"id\": \"cus_gone\", \"object\": \"customer\", \"deleted\": true}")));

		assertThat(this.gateway.findCustomer("cus_gone")).isEmpty();
	}

	@Test
	void findCustomerByExternalIdThenSearchesMetadataWithQuotesEscapedAndAnswersNewestMatch() {
		String externalId = "o'brien\\42";
		String older = fixture("customer.json", (customer) -> {
			customer.put("id", "cus_older");
			customer.put("created", 1700000000);
			customer.putObject("metadata").put("recur_account_id", externalId);
		});
		String newer = fixture("customer.json", (customer) -> {
			customer.put("id", "cus_newer");
			customer.put("created", 1760000000);
			customer.putObject("metadata").put("recur_account_id", externalId);
		});
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(json(searchResult("/v1/customers/search", older, newer))));

		Optional<Customer> customer = this.gateway.findCustomerByExternalId(externalId);

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/v1/customers/search");
		assertThat(request.params())
			.isEqualTo(Map.of("query", "metadata['recur_account_id']:'o\\'brien\\\\42'", "limit", "10",
					"expand[0]", "data.invoice_settings.default_payment_method"));
		assertThat(customer).get().extracting(Customer::id).isEqualTo("cus_newer");
		assertThat(customer).get().extracting(Customer::externalId).isEqualTo(externalId);
	}

	@Test
	void findCustomerByExternalIdWhenNoneThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(json(searchResult("/v1/customers/search"))));

		assertThat(this.gateway.findCustomerByExternalId("acct-none")).isEmpty();
	}

	@Test
	void findCustomerByExternalIdWhenSearchUnavailableThenListsCustomersPageByPageAndSkipsSearchAfterwards() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers/search"))
			.willReturn(StripeTestSupport.error(400, "invalid_request_error", null,
					"Search is not supported on api.stripe.com in this region", null, null)));
		String other = fixture("customer.json", (customer) -> {
			customer.put("id", "cus_other");
			customer.putObject("metadata").put("recur_account_id", "acct-other");
		});
		String match = fixture("customer.json", (customer) -> customer.put("id", "cus_match"));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers")).withQueryParam("starting_after", absent())
			.willReturn(json(list("/v1/customers", true, other))));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers"))
			.withQueryParam("starting_after", equalTo("cus_other"))
			.willReturn(json(list("/v1/customers", false, match))));

		Optional<Customer> first = this.gateway.findCustomerByExternalId("acct-42");
		Optional<Customer> second = this.gateway.findCustomerByExternalId("acct-42");

		assertThat(first).get().extracting(Customer::id).isEqualTo("cus_match");
		assertThat(second).get().extracting(Customer::id).isEqualTo("cus_match");
		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).extracting(StripeTestSupport.Recorded::path)
			.containsExactly("/v1/customers/search", "/v1/customers", "/v1/customers", "/v1/customers",
					"/v1/customers");
		assertThat(requests.get(1).params()).isEqualTo(Map.of("limit", "100"));
		assertThat(requests.get(2).params()).isEqualTo(Map.of("limit", "100", "starting_after", "cus_other"));
	}

	@Test
	void findCustomerByEmailThenListsByEmail() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers"))
			.willReturn(json(list("/v1/customers", false, fixture("customer.json")))));

		Optional<Customer> customer = this.gateway.findCustomerByEmail("jenny.rosen@example.com");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/v1/customers");
		assertThat(request.params()).isEqualTo(Map.of("email", "jenny.rosen@example.com", "limit", "10"));
		assertThat(customer).get().extracting(Customer::id).isEqualTo("cus_NffrFeUfNV2Hib");
	}

	@Test
	void findCustomerByEmailWhenSeveralShareItThenAmbiguousInsteadOfNewest() {
		String newest = fixture("customer.json", (customer) -> customer.put("id", "cus_newest"));
		String older = fixture("customer.json", (customer) -> customer.put("id", "cus_older"));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers"))
			.willReturn(json(list("/v1/customers", false, newest, older))));

		assertThatExceptionOfType(PortalException.class)
			.isThrownBy(() -> this.gateway.findCustomerByEmail("jenny.rosen@example.com"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.CUSTOMER_AMBIGUOUS));
	}

	@Test
	void findCustomerByEmailWhenCaseVariantsAreTwoCustomersThenAmbiguous() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers"))
			.withQueryParam("email", equalTo("Jenny.Rosen@Example.com"))
			.willReturn(json(list("/v1/customers", false, fixture("customer.json",
					(customer) -> customer.put("id", "cus_upper").put("email", "Jenny.Rosen@Example.com"))))));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers"))
			.withQueryParam("email", equalTo("jenny.rosen@example.com"))
			.willReturn(json(list("/v1/customers", false, fixture("customer.json")))));

		assertThatExceptionOfType(PortalException.class)
			.isThrownBy(() -> this.gateway.findCustomerByEmail("Jenny.Rosen@Example.com"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.CUSTOMER_AMBIGUOUS));
	}

	@Test
	void findCustomerByEmailWhenTurkishIFormThenAsksTheNormalFormAndMatchesIt() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers")).atPriority(1)
			.withQueryParam("email", equalTo("alice@example.com"))
			.willReturn(json(list("/v1/customers", false,
					fixture("customer.json", (customer) -> customer.put("email", "alice@example.com"))))));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers")).atPriority(5)
			.willReturn(json(list("/v1/customers", false))));

		assertThat(this.gateway.findCustomerByEmail("alİce@example.com")).get()
			.extracting(Customer::id)
			.isEqualTo("cus_NffrFeUfNV2Hib");
		assertThat(this.gateway.findCustomerByEmail("alıce@example.com")).get()
			.extracting(Customer::id)
			.isEqualTo("cus_NffrFeUfNV2Hib");
		assertThat(requests(stripe)).extracting((request) -> request.params().get("email"))
			.containsExactly("alİce@example.com", "alice@example.com", "alıce@example.com", "alice@example.com");
	}

	@Test
	void findCustomerByEmailWhenMixedCaseFindsNoneThenAsksInLowerCase() {
		stripe.stubFor(get(urlPathEqualTo("/v1/customers"))
			.withQueryParam("email", equalTo("Jenny.Rosen@Example.com"))
			.willReturn(json(list("/v1/customers", false))));
		stripe.stubFor(get(urlPathEqualTo("/v1/customers"))
			.withQueryParam("email", equalTo("jenny.rosen@example.com"))
			.willReturn(json(list("/v1/customers", false, fixture("customer.json")))));

		Optional<Customer> customer = this.gateway.findCustomerByEmail("Jenny.Rosen@Example.com");

		assertThat(customer).get().extracting(Customer::id).isEqualTo("cus_NffrFeUfNV2Hib");
		assertThat(requests(stripe)).extracting((request) -> request.params().get("email"))
			.containsExactly("Jenny.Rosen@Example.com", "jenny.rosen@example.com");
	}

	@Test
	void createCustomerThenPostsEmailNameAndAccountMetadataWithIdempotencyKey() {
		stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(json(fixture("customer.json"))));

		Customer customer = this.gateway.createCustomer(
				new NewCustomer("acct-42", "jenny.rosen@example.com", "Jenny Rosen"), "customer:acct-42");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1/customers");
		assertThat(request.params()).isEqualTo(Map.of("email", "jenny.rosen@example.com", "name", "Jenny Rosen",
				"metadata[recur_account_id]", "acct-42"));
		assertThat(request.idempotencyKey()).isEqualTo("customer:acct-42");
		assertThat(customer.externalId()).isEqualTo("acct-42");
	}

	@Test
	void createCustomerWhenKeyLongerThanStripeAcceptsThenSendsItsSha256() {
		stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(json(fixture("customer.json"))));
		String key = "customer:" + "x".repeat(300);

		this.gateway.createCustomer(new NewCustomer("acct-42", null, null), key);

		StripeTestSupport.Recorded request = onlyRequest(stripe);
		assertThat(request.idempotencyKey()).isEqualTo(StripeIdempotencyKeys.of(key)).hasSizeLessThanOrEqualTo(255);
		assertThat(request.params()).isEqualTo(Map.of("metadata[recur_account_id]", "acct-42"));
	}

	@Test
	void updateCustomerThenPostsWholeProfileWithTaxIdInMetadata() {
		stripe.stubFor(post(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib"))
			.willReturn(json(fixture("customer.json"))));

		Customer customer = this.gateway.updateCustomer("cus_NffrFeUfNV2Hib",
				new CustomerProfileUpdate("Jenny Rosen", "jenny.rosen@example.com", "+886912345678",
						new Address("7 Xinyi Road", null, "Taipei", null, "110", "TW"), "TW12345678"),
				"profile:1");

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1/customers/cus_NffrFeUfNV2Hib");
		assertThat(request.params()).isEqualTo(Map.ofEntries(Map.entry("name", "Jenny Rosen"),
				Map.entry("email", "jenny.rosen@example.com"), Map.entry("phone", "+886912345678"),
				Map.entry("address[line1]", "7 Xinyi Road"), Map.entry("address[line2]", ""),
				Map.entry("address[city]", "Taipei"), Map.entry("address[state]", ""),
				Map.entry("address[postal_code]", "110"), Map.entry("address[country]", "TW"),
				Map.entry("metadata[recur_tax_id]", "TW12345678")));
		assertThat(request.idempotencyKey()).isEqualTo("profile:1");
		assertThat(customer.taxId()).isEqualTo("TW12345678");
	}

	@Test
	void updateCustomerWhenFieldsAreNullThenSendsThemEmptyToClearThem() {
		stripe.stubFor(post(urlPathEqualTo("/v1/customers/cus_NffrFeUfNV2Hib"))
			.willReturn(json(fixture("customer.json"))));

		this.gateway.updateCustomer("cus_NffrFeUfNV2Hib", new CustomerProfileUpdate(null, null, null, null, null),
				"profile:2");

		assertThat(onlyRequest(stripe).params()).isEqualTo(Map.of("name", "", "email", "", "phone", "", "address", "",
				"metadata[recur_tax_id]", ""));
	}

	@Test
	void updateCustomerWhenUnknownThenCustomerNotFound() {
		stripe.stubFor(post(urlPathEqualTo("/v1/customers/cus_missing"))
			.willReturn(resourceMissing("customer: 'cus_missing'", null)));

		assertThatExceptionOfType(PortalException.class)
			.isThrownBy(() -> this.gateway.updateCustomer("cus_missing",
					new CustomerProfileUpdate("A", null, null, null, null), "profile:3"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.CUSTOMER_NOT_FOUND));
	}

}
