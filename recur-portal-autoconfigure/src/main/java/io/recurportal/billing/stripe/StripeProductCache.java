package io.recurportal.billing.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.stripe.model.Product;

/**
 * The products that subscription lists name, kept for a few minutes. Stripe cannot expand
 * a product inside a subscription list, so without this every first view of an account
 * would cost a products call, while a product's name and state rarely change. A renamed
 * product shows its new name within {@link #TIME_TO_LIVE}.
 */
final class StripeProductCache {

	static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

	// Accounts have a handful of products; the bound only guards against surprises.
	private static final int MAX_SIZE = 1000;

	private final Map<String, Cached> products = new ConcurrentHashMap<>();

	private final Clock clock;

	StripeProductCache(Clock clock) {
		this.clock = clock;
	}

	Optional<Product> get(String productId) {
		Cached cached = this.products.get(productId);
		if (cached == null || !cached.fetchedAt().plus(TIME_TO_LIVE).isAfter(this.clock.instant())) {
			return Optional.empty();
		}
		return Optional.of(cached.product());
	}

	void put(Product product) {
		if (this.products.size() >= MAX_SIZE) {
			this.products.clear();
		}
		this.products.put(product.getId(), new Cached(product, this.clock.instant()));
	}

	private record Cached(Product product, Instant fetchedAt) {

	}

}
