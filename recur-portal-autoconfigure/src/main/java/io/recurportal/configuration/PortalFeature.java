package io.recurportal.configuration;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a portal configuration lets its users see or do, named as in Stripe's billing
 * portal configurations.
 */
public enum PortalFeature {

	/** See subscriptions: plan, price, status, next charge. */
	SUBSCRIPTION_VIEW("subscription-view"),

	/** See invoices and download their PDFs. */
	INVOICE_HISTORY("invoice-history"),

	/** Add a card and make it the default; recover an on-hold subscription. */
	PAYMENT_METHOD_UPDATE("payment-method-update"),

	/** Cancel and reactivate subscriptions. */
	SUBSCRIPTION_CANCEL("subscription-cancel"),

	/** Start a subscription, switch plan or billing interval. */
	SUBSCRIPTION_UPDATE("subscription-update"),

	/** Pause and resume subscriptions. */
	SUBSCRIPTION_PAUSE("subscription-pause"),

	/** Edit the billing profile: name, email, phone, address, tax id. */
	CUSTOMER_UPDATE("customer-update"),

	/** See the license keys of purchases. */
	LICENSE_KEYS("license-keys");

	private final String value;

	PortalFeature(String value) {
		this.value = value;
	}

	/**
	 * The feature's name in properties and JSON, {@code subscription-cancel} for example.
	 * @return the name
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The feature with a name, accepting the enum's own name too.
	 * @param value {@code subscription-cancel} or {@code SUBSCRIPTION_CANCEL}
	 * @return the feature
	 * @throws IllegalArgumentException when no feature has the name
	 */
	public static PortalFeature fromValue(String value) {
		String normalized = value.trim().replace('_', '-').toLowerCase(java.util.Locale.ROOT);
		return Arrays.stream(values())
			.filter((feature) -> feature.value.equals(normalized))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown portal feature '" + value + "'; known features are " + Arrays.toString(values())));
	}

	/**
	 * Every feature.
	 * @return a new mutable set of all features
	 */
	public static Set<PortalFeature> all() {
		return EnumSet.allOf(PortalFeature.class);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
