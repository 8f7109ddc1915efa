package io.recurportal.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.recurportal.billing.Price;
import io.recurportal.billing.Product;

/**
 * The entitlements a price grants: its product's {@code entitlements} metadata plus its own.
 */
final class Entitlements {

	private Entitlements() {
	}

	static List<String> of(Price price) {
		Set<String> entitlements = new LinkedHashSet<>();
		add(entitlements, price.product().metadata().get(Product.ENTITLEMENTS_METADATA_KEY));
		add(entitlements, price.metadata().get(Product.ENTITLEMENTS_METADATA_KEY));
		return new ArrayList<>(entitlements);
	}

	private static void add(Set<String> entitlements, String list) {
		if (list != null) {
			for (String entitlement : list.split(",")) {
				if (!entitlement.isBlank()) {
					entitlements.add(entitlement.trim());
				}
			}
		}
	}

}
