package io.recurportal.billing.stripe;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recurportal.billing.BillingInterval;
import io.recurportal.billing.Price;
import io.recurportal.billing.Product;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.onlyRequest;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the catalog methods of {@link StripeBillingGateway}.
 */
class StripeBillingGatewayCatalogTests {

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	private StripeBillingGateway gateway;

	@BeforeEach
	void createGateway() {
		this.gateway = StripeTestSupport.gateway(stripe);
	}

	@Test
	void listPricesThenListsActiveRecurringPricesWithProductsExpandedCheapestProductAndPriceFirst() {
		String proMonthly = fixture("price.json");
		String proYearly = fixture("price.json", (price) -> {
			price.put("id", "price_ProYearly");
			price.put("unit_amount", 20000);
			price.withObject("recurring").put("interval", "year");
		});
		String basicMonthly = fixture("price.json", (price) -> {
			price.put("id", "price_BasicMonthly");
			price.put("unit_amount", 1000);
			price.withObject("product").put("id", "prod_Basic").put("name", "Basic");
		});
		String tiered = fixture("price.json", (price) -> {
			price.put("id", "price_Tiered");
			price.put("billing_scheme", "tiered");
			price.putNull("unit_amount");
			price.putNull("unit_amount_decimal");
		});
		String ofArchivedProduct = fixture("price.json", (price) -> {
			price.put("id", "price_Legacy");
			price.withObject("product").put("id", "prod_Legacy").put("active", false);
		});
		stripe.stubFor(get(urlPathEqualTo("/v1/prices"))
			.willReturn(
					json(list("/v1/prices", false, proMonthly, tiered, proYearly, ofArchivedProduct, basicMonthly))));

		List<Price> prices = this.gateway.listPrices();

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/v1/prices");
		assertThat(request.params()).isEqualTo(
				Map.of("active", "true", "type", "recurring", "expand[0]", "data.product", "limit", "100"));
		assertThat(prices).extracting(Price::id)
			.containsExactly("price_BasicMonthly", "price_ProYearly", "price_ProMonthly");
		assertThat(prices.get(1).interval()).isEqualTo(BillingInterval.YEAR);
		assertThat(prices.get(2).product().name()).isEqualTo("Pro");
	}

	@Test
	void listPricesWhenMorePagesThenFollowsStartingAfterKeepingTheExpansion() {
		stripe.stubFor(get(urlPathEqualTo("/v1/prices")).withQueryParam("starting_after", absent())
			.willReturn(json(list("/v1/prices", true, fixture("price.json")))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices")).withQueryParam("starting_after", equalTo("price_ProMonthly"))
			.willReturn(json(list("/v1/prices", false,
					fixture("price.json", (price) -> price.put("id", "price_ProWeekly")
						.put("unit_amount", 500)
						.withObject("recurring")
						.put("interval", "week"))))));

		List<Price> prices = this.gateway.listPrices();

		assertThat(prices).extracting(Price::id).containsExactly("price_ProMonthly", "price_ProWeekly");
		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).params()).isEqualTo(Map.of("active", "true", "type", "recurring", "expand[0]",
				"data.product", "limit", "100", "starting_after", "price_ProMonthly"));
	}

	@Test
	void findPriceThenGetsPriceExpandingProductAndMapsIt() {
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_ProMonthly")).willReturn(json(fixture("price.json"))));

		Price price = this.gateway.findPrice("price_ProMonthly").orElseThrow();

		StripeTestSupport.Recorded request = onlyRequest(stripe).assertStripeHeaders();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/v1/prices/price_ProMonthly");
		assertThat(request.params()).isEqualTo(Map.of("expand[0]", "product"));
		assertThat(price).isEqualTo(new Price("price_ProMonthly",
				new Product("prod_Pro", "Pro", "For growing teams", true, Map.of("entitlements", "reports,api")),
				"Pro monthly", "usd", 2000, BillingInterval.MONTH, 1, true,
				Map.of("entitlements", "priority-support")));
	}

	@Test
	void findPriceWhenInactiveThenAnswersItAsInactive() {
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_Old"))
			.willReturn(json(fixture("price.json", (price) -> price.put("id", "price_Old").put("active", false)))));

		assertThat(this.gateway.findPrice("price_Old")).get().extracting(Price::active).isEqualTo(false);
	}

	@Test
	void findPriceWhenUnknownThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_missing"))
			.willReturn(resourceMissing("price: 'price_missing'", null)));

		assertThat(this.gateway.findPrice("price_missing")).isEmpty();
	}

	@Test
	void findPriceWhenOneTimeThenEmpty() {
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_Setup")).willReturn(json(fixture("price.json", (price) -> {
			price.put("id", "price_Setup");
			price.put("type", "one_time");
			price.putNull("recurring");
		}))));

		assertThat(this.gateway.findPrice("price_Setup")).isEmpty();
	}

}
