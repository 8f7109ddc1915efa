package io.recurportal.billing.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.recurportal.billing.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading and checking seeds from JSON and from Spring properties.
 */
class SandboxSeedTests {

	static final String EXAMPLE = """
			{"products": [{"id": "prod_pro", "name": "Pro", "description": "For teams",
			    "metadata": {"entitlements": "projects,reports,api"},
			    "prices": [{"id": "price_pro_monthly", "nickname": "Pro monthly", "currency": "usd", "unitAmount": 2900, "interval": "month", "intervalCount": 1},
			               {"id": "price_pro_yearly", "currency": "USD", "unitAmount": 29000, "interval": "year"}]}],
			 "customers": [{"id": "cus_active", "externalId": "acct_active", "email": "alice@example.com", "name": "Alice Example",
			    "phone": "+1 555 0100", "address": {"line1": "1 Main St", "city": "Springfield", "postalCode": "12345", "country": "US"},
			    "taxId": null,
			    "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}],
			    "subscriptions": [{"id": "sub_active", "priceId": "price_pro_monthly", "status": "active", "startedDaysAgo": 75,
			                       "quantity": 1, "cancelAtPeriodEnd": false, "trialDaysLeft": null}]}]}
			""";

	@Test
	void readFromFileThenEveryFieldBound(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("seed.json");
		Files.writeString(file, EXAMPLE);
		SandboxSeed seed;
		try (InputStream input = Files.newInputStream(file)) {
			seed = SandboxSeed.read(input);
		}
		SandboxSeed.Product product = seed.products().get(0);
		assertThat(product.id()).isEqualTo("prod_pro");
		assertThat(product.active()).isTrue();
		assertThat(product.metadata()).containsEntry("entitlements", "projects,reports,api");
		assertThat(product.prices()).extracting(SandboxSeed.Price::id)
			.containsExactly("price_pro_monthly", "price_pro_yearly");
		SandboxSeed.Price yearly = product.prices().get(1);
		assertThat(yearly.currency()).isEqualTo("usd");
		assertThat(yearly.intervalCount()).isEqualTo(1);
		assertThat(yearly.active()).isTrue();
		assertThat(yearly.nickname()).isNull();
		assertThat(yearly.metadata()).isEmpty();
		SandboxSeed.Customer customer = seed.customers().get(0);
		assertThat(customer.address()).isEqualTo(new Address("1 Main St", null, "Springfield", null, "12345", "US"));
		assertThat(customer.taxId()).isNull();
		assertThat(customer.cards()).singleElement().satisfies((card) -> assertThat(card.expMonth()).isEqualTo(12));
		assertThat(customer.subscriptions()).singleElement().satisfies((subscription) -> {
			assertThat(subscription.status()).isEqualTo("active");
			assertThat(subscription.startedDaysAgo()).isEqualTo(75);
			assertThat(subscription.trialDaysLeft()).isNull();
		});
	}

	@Test
	void readWhenOptionalFieldsMissingThenDefaults() {
		SandboxSeed seed = SandboxFixture.readSeed("""
				{"products": [{"id": "p", "name": "P", "prices": [{"id": "x", "currency": "usd", "unitAmount": 1, "interval": "week"}]}],
				 "customers": [{"subscriptions": [{"priceId": "x"}, {"priceId": "x", "trialDaysLeft": 3}]}]}""");
		SandboxSeed.Customer customer = seed.customers().get(0);
		assertThat(customer.id()).isNull();
		assertThat(customer.cards()).isEmpty();
		assertThat(customer.metadata()).isEmpty();
		assertThat(customer.subscriptions().get(0)).satisfies((subscription) -> {
			assertThat(subscription.status()).isEqualTo("active");
			assertThat(subscription.startedDaysAgo()).isZero();
			assertThat(subscription.quantity()).isEqualTo(1);
			assertThat(subscription.cancelAtPeriodEnd()).isFalse();
		});
		assertThat(customer.subscriptions().get(1).status()).isEqualTo("trialing");
		assertThat(SandboxFixture.readSeed("{}").products()).isEmpty();
	}

	@Test
	void defaultSeedThenStarterAndProMonthlyAndYearlyInUsdWithoutCustomers() {
		SandboxSeed seed = SandboxSeed.defaultSeed();
		assertThat(seed.products()).extracting(SandboxSeed.Product::name).containsExactly("Starter", "Pro");
		assertThat(seed.products()).allSatisfy((product) -> {
			assertThat(product.metadata()).containsKey("entitlements");
			assertThat(product.prices()).extracting(SandboxSeed.Price::interval).containsExactly("month", "year");
			assertThat(product.prices()).allSatisfy((price) -> assertThat(price.currency()).isEqualTo("usd"));
		});
		assertThat(seed.customers()).isEmpty();
		SandboxBillingGateway gateway = new SandboxBillingGateway(SandboxClock.system(), seed,
				new SandboxSettings(SandboxFixture.GRACE, SandboxFixture.CHECKOUT_BASE));
		assertThat(gateway.listPrices()).hasSize(4);
	}

	@Test
	void customersWithoutProductsThenBuiltInCatalog() {
		SandboxSeed seed = SandboxFixture.readSeed("""
				{"customers": [{"metadata": {"recur_account_id": "acct_1"},
				  "subscriptions": [{"id": "sub_1", "priceId": "price_pro_monthly"}]}]}""");
		assertThat(seed.products()).isEqualTo(SandboxSeed.defaultSeed().products());
		SandboxBillingGateway gateway = new SandboxBillingGateway(SandboxClock.system(), seed,
				new SandboxSettings(SandboxFixture.GRACE, SandboxFixture.CHECKOUT_BASE));
		assertThat(gateway.findSubscription("sub_1")).isPresent();
	}

	@Test
	void customerBelongsToTheAccountInItsMetadataAsWithStripe() {
		SandboxSeed seed = SandboxFixture.readSeed("""
				{"customers": [{"id": "cus_1", "metadata": {"recur_account_id": "acct_1"}},
				               {"id": "cus_2", "externalId": "acct_2"}]}""");
		assertThat(seed.customers().get(0).externalId()).isEqualTo("acct_1");
		assertThat(seed.customers().get(1).metadata()).containsEntry("recur_account_id", "acct_2");
		SandboxBillingGateway gateway = new SandboxBillingGateway(SandboxClock.system(), seed,
				new SandboxSettings(SandboxFixture.GRACE, SandboxFixture.CHECKOUT_BASE));
		assertThat(gateway.findCustomerByExternalId("acct_1")).hasValueSatisfying(
				(customer) -> assertThat(customer.id()).isEqualTo("cus_1"));
		assertThat(gateway.findCustomerByExternalId("acct_2")).hasValueSatisfying(
				(customer) -> assertThat(customer.metadata()).containsEntry("recur_account_id", "acct_2"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			'{"products": [{"id": "p", "name": "P", "prices": [{"id": "x", "currency": "usd", "unitAmount": -1, "interval": "month"}]}]}' | products[0].prices[0].unitAmount: must not be negative
			'{"products": [{"id": "p", "name": "P", "prices": [{"id": "x", "currency": "usd", "unitAmount": "ten", "interval": "month"}]}]}' | products[0].prices[0].unitAmount
			'{"products": [{"id": "p", "name": "P", "prices": [{"id": "x", "currency": "usd", "unitAmmount": 5, "interval": "month"}]}]}' | products[0].prices[0].unitAmount: is required
			'{"products": [{"id": "p", "name": "P", "prices": [{"id": "x", "currency": "usd", "unitAmount": 5, "interval": "month", "intervalcount": 2}]}]}' | products[0].prices[0].intervalcount: Unrecognized property
			'{"products": [{"id": "p", "name": "P", "prices": [{"id": "x", "currency": "usd", "unitAmount": 5, "interval": "fortnight"}]}]}' | products[0].prices[0].interval: 'fortnight' is not one of day, week, month, year
			'{"products": [{"id": "p", "name": "P", "prices": [{"id": "x", "currency": "usdx", "unitAmount": 5, "interval": "month"}]}]}' | products[0].prices[0].currency
			'{"products": [{"name": "P"}]}' | products[0].id: is required
			'{"products": [{"id": "p", "name": "P", "prices": [{"id": "x", "currency": "usd", "unitAmount": 5, "interval": "month"}]}, {"id": "q", "name": "Q", "prices": [{"id": "x", "currency": "usd", "unitAmount": 5, "interval": "month"}]}]}' | products[1].prices[0].id: duplicate price id 'x'
			'{"customers": [{"subscriptions": [{"priceId": "price_nowhere"}]}]}' | customers[0].subscriptions[0].priceId: no price 'price_nowhere' in products
			'{"customers": [{"cards": [{"number": "4242424242424241", "expMonth": 1, "expYear": 2030}]}]}' | customers[0].cards[0].number: Your card number is invalid.
			'{"customers": [{"cards": [{"number": "4000000000000002", "expMonth": 1, "expYear": 2030}]}]}' | customers[0].cards[0].number: a card that is declined when saved cannot be seeded
			'{"customers": [{"cards": [{"number": "4242424242424242", "expYear": 2030}]}]}' | customers[0].cards[0].expMonth: is required
			'{"customers": [{}, {"subscriptions": [{"priceId": "x", "status": "frozen"}]}]}' | customers[1].subscriptions[0].status: 'frozen' is not one of
			'{"customers": [{"subscriptions": [{"priceId": "x", "status": "trialing"}]}]}' | customers[0].subscriptions[0].trialDaysLeft: is required when status is trialing
			'{"customers": [{"subscriptions": [{"priceId": "x", "status": "active", "endedDaysAgo": 3}]}]}' | customers[0].subscriptions[0].endedDaysAgo
			'{"customers": [{"externalId": "a"}, {"metadata": {"recur_account_id": "a"}}]}' | customers[1].metadata.recur_account_id: two customers belong to account 'a'
			'{"customers": [{"externalId": "a", "metadata": {"recur_account_id": "b"}}]}' | customers[0].externalId: 'a' is another account than metadata.recur_account_id 'b'
			'{"products": [{"id": "p", "name": "P", "prices": [{"id": "x", "currency": "usd", "unitAmount": 5, "interval": "month"}]}], "customers": [{"subscriptions": [{"priceId": "price_pro_monthly"}]}]}' | customers[0].subscriptions[0].priceId: no price 'price_pro_monthly' in products (known: x)
			'{"products": [' | Invalid sandbox seed
			""")
	void readWhenDataBadThenMessageNamesTheField(String json, String expected) {
		assertThatIllegalArgumentException().isThrownBy(() -> SandboxFixture.readSeed(json))
			.withMessageStartingWith("Invalid sandbox seed at ")
			.withMessageContaining(expected);
	}

	@Test
	void bindFromSpringPropertiesThenSameAsJson() {
		Map<String, String> properties = Map.ofEntries(Map.entry("seed.products[0].id", "prod_pro"),
				Map.entry("seed.products[0].name", "Pro"),
				Map.entry("seed.products[0].metadata.entitlements", "projects,reports,api"),
				Map.entry("seed.products[0].prices[0].id", "price_pro_monthly"),
				Map.entry("seed.products[0].prices[0].nickname", "Pro monthly"),
				Map.entry("seed.products[0].prices[0].currency", "usd"),
				Map.entry("seed.products[0].prices[0].unit-amount", "2900"),
				Map.entry("seed.products[0].prices[0].interval", "month"),
				Map.entry("seed.customers[0].id", "cus_active"),
				Map.entry("seed.customers[0].external-id", "acct_active"),
				Map.entry("seed.customers[0].email", "alice@example.com"),
				Map.entry("seed.customers[0].address.line1", "1 Main St"),
				Map.entry("seed.customers[0].cards[0].number", "4242424242424242"),
				Map.entry("seed.customers[0].cards[0].exp-month", "12"),
				Map.entry("seed.customers[0].cards[0].exp-year", "2030"),
				Map.entry("seed.customers[0].subscriptions[0].id", "sub_active"),
				Map.entry("seed.customers[0].subscriptions[0].price-id", "price_pro_monthly"),
				Map.entry("seed.customers[0].subscriptions[0].started-days-ago", "75"));
		SandboxSeed seed = new Binder(new MapConfigurationPropertySource(properties)).bind("seed", SandboxSeed.class)
			.get();
		assertThat(seed.products()).singleElement().satisfies((product) -> {
			assertThat(product.metadata()).containsEntry("entitlements", "projects,reports,api");
			assertThat(product.active()).isTrue();
			assertThat(product.prices()).singleElement().satisfies((price) -> {
				assertThat(price.unitAmount()).isEqualTo(2900);
				assertThat(price.intervalCount()).isEqualTo(1);
			});
		});
		assertThat(seed.customers()).singleElement().satisfies((customer) -> {
			assertThat(customer.address().line1()).isEqualTo("1 Main St");
			assertThat(customer.metadata()).containsExactly(Map.entry("recur_account_id", "acct_active"));
			assertThat(customer.subscriptions()).singleElement().satisfies((subscription) -> {
				assertThat(subscription.status()).isEqualTo("active");
				assertThat(subscription.quantity()).isEqualTo(1);
				assertThat(subscription.startedDaysAgo()).isEqualTo(75);
			});
		});
	}

}
