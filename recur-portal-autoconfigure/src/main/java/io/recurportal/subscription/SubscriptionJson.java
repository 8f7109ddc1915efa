package io.recurportal.subscription;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.recurportal.billing.Subscription;

/**
 * A subscription as the JSON the JDBC mirror stores. The same subscription always
 * gives the same text, metadata sorted by key, so the database can tell a changed copy
 * from an equal one by comparing text, whichever instance wrote it.
 */
final class SubscriptionJson {

	private static final JsonMapper jsonMapper = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private SubscriptionJson() {
	}

	static String write(Subscription subscription) {
		return jsonMapper.writeValueAsString(subscription);
	}

	static Subscription read(String json) {
		return jsonMapper.readValue(json, Subscription.class);
	}

}
