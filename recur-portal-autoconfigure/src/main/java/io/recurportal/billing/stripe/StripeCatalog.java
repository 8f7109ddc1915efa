package io.recurportal.billing.stripe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.model.StripeCollection;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceRetrieveParams;
import io.recurportal.billing.Price;
import io.recurportal.error.PortalErrorCode;

/**
 * Stripe prices with their products.
 * <p>
 * Only prices the portal can offer are mapped: recurring, with a fixed amount per
 * interval, of an active product. Tiered, metered-without-amount and customer-chosen
 * prices are left out.
 */
final class StripeCatalog {

	static final long PAGE_SIZE = 100;

	/** The most prices listed, so that a portal page view stays a bounded number of calls. */
	static final int MAX_PRICES = 1000;

	private final StripeClient client;

	private final StripeModelMapper mapper;

	private final StripeErrorTranslator errors;

	StripeCatalog(StripeClient client, StripeModelMapper mapper, StripeErrorTranslator errors) {
		this.client = client;
		this.mapper = mapper;
		this.errors = errors;
	}

	/**
	 * {@code GET /v1/prices?active=true&type=recurring&expand[]=data.product}: one call per
	 * {@value #PAGE_SIZE} prices, at most {@value #MAX_PRICES} prices. Products are ordered
	 * by their cheapest price, and prices cheapest first (per year, to compare intervals).
	 */
	List<Price> list() {
		List<Price> prices = new ArrayList<>();
		String startingAfter = null;
		int listed = 0;
		while (listed < MAX_PRICES) {
			PriceListParams.Builder params = PriceListParams.builder()
				.setActive(true)
				.setType(PriceListParams.Type.RECURRING)
				.addExpand("data.product")
				.setLimit(PAGE_SIZE);
			if (startingAfter != null) {
				params.setStartingAfter(startingAfter);
			}
			StripeCollection<com.stripe.model.Price> page = this.errors.call(PortalErrorCode.PRICE_NOT_AVAILABLE,
					() -> this.client.v1().prices().list(params.build()));
			for (com.stripe.model.Price price : page.getData()) {
				com.stripe.model.Product product = price.getProductObject();
				if (this.mapper.isMappable(price) && product != null && Boolean.TRUE.equals(product.getActive())
						&& !Boolean.TRUE.equals(product.getDeleted())) {
					prices.add(this.mapper.price(price, product));
				}
			}
			listed += page.getData().size();
			if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
				break;
			}
			startingAfter = page.getData().get(page.getData().size() - 1).getId();
		}
		return sort(prices);
	}

	private static List<Price> sort(List<Price> prices) {
		Map<String, Double> cheapestOfProduct = new HashMap<>();
		for (Price price : prices) {
			cheapestOfProduct.merge(price.product().id(), price.yearlyAmount(), Math::min);
		}
		List<Price> sorted = new ArrayList<>(prices);
		sorted.sort(Comparator.comparingDouble((Price price) -> cheapestOfProduct.get(price.product().id()))
			.thenComparing((price) -> price.product().id())
			.thenComparingDouble(Price::yearlyAmount)
			.thenComparing(Price::id));
		return sorted;
	}

	/** One call: {@code GET /v1/prices/{id}?expand[]=product}. A price that cannot be offered is not found. */
	Optional<Price> find(String priceId) {
		PriceRetrieveParams params = PriceRetrieveParams.builder().addExpand("product").build();
		return this.errors
			.find(PortalErrorCode.PRICE_NOT_AVAILABLE, () -> this.client.v1().prices().retrieve(priceId, params))
			.filter(this.mapper::isMappable)
			.map((price) -> this.mapper.price(price, price.getProductObject()));
	}

}
