package io.recurportal.billing.sandbox;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.recurportal.billing.BillingInterval;
import io.recurportal.billing.Price;
import io.recurportal.billing.Product;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * The products and prices the sandbox sells, from its seed. Immutable: the portal cannot
 * change the catalog, so every ledger copy shares it.
 */
final class SandboxCatalog {

	private static final Comparator<Price> CHEAPEST_FIRST = Comparator.comparingLong(Price::unitAmount)
		.thenComparingDouble(Price::yearlyAmount);

	private final Map<String, Price> prices;

	private final List<Price> activePrices;

	SandboxCatalog(SandboxSeed seed) {
		Map<String, Price> prices = new LinkedHashMap<>();
		for (SandboxSeed.Product seeded : seed.products()) {
			Product product = new Product(seeded.id(), seeded.name(), seeded.description(), seeded.active(),
					seeded.metadata());
			for (SandboxSeed.Price price : seeded.prices()) {
				prices.put(price.id(),
						new Price(price.id(), product, price.nickname(), price.currency(), price.unitAmount(),
								BillingInterval.fromValue(price.interval()), price.intervalCount(), price.active(),
								price.metadata()));
			}
		}
		this.prices = Map.copyOf(prices);
		// Products in seed order, each one's prices cheapest first.
		List<String> productOrder = seed.products().stream().map(SandboxSeed.Product::id).toList();
		this.activePrices = prices.values()
			.stream()
			.filter(SandboxCatalog::isAvailable)
			.sorted(Comparator.<Price>comparingInt((price) -> productOrder.indexOf(price.product().id()))
				.thenComparing(CHEAPEST_FIRST))
			.toList();
	}

	Optional<Price> findPrice(String priceId) {
		return Optional.ofNullable(this.prices.get(priceId));
	}

	/**
	 * A price a subscription already has, active or not.
	 * @param priceId the id
	 * @return the price
	 */
	Price price(String priceId) {
		Price price = this.prices.get(priceId);
		if (price == null) {
			throw new IllegalStateException("The ledger refers to an unknown price " + priceId);
		}
		return price;
	}

	/**
	 * A price that can be bought now.
	 * @param priceId the id
	 * @return the price
	 * @throws PortalException {@code price_not_available} when unknown or inactive
	 */
	Price requireAvailable(String priceId) {
		Price price = this.prices.get(priceId);
		if (price == null || !isAvailable(price)) {
			throw new PortalException(PortalErrorCode.PRICE_NOT_AVAILABLE,
					"The price " + priceId + " is not available.");
		}
		return price;
	}

	List<Price> activePrices() {
		return this.activePrices;
	}

	private static boolean isAvailable(Price price) {
		return price.active() && price.product().active();
	}

}
