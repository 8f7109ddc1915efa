package io.recurportal.billing;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A product that prices are offered for.
 *
 * @param id the provider's product id ({@code prod_...})
 * @param name the name customers see
 * @param description the description customers see
 * @param active whether the product can be bought
 * @param metadata free-form metadata; {@code entitlements} holds a comma-separated list of
 * the entitlements an active subscription grants
 */
public record Product(String id, String name, @Nullable String description, boolean active,
		Map<String, String> metadata) {

	/** The metadata key holding a product's entitlements. */
	public static final String ENTITLEMENTS_METADATA_KEY = "entitlements";

	public Product {
		metadata = Map.copyOf(metadata);
	}

}
