package io.recurportal.billing;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A billing customer.
 *
 * @param id the provider's customer id ({@code cus_...})
 * @param externalId the host's account id the customer belongs to (the JWT {@code acc}
 * claim); on Stripe the customer metadata {@code recur_account_id}
 * @param email the billing email
 * @param name the billing name
 * @param phone the phone number
 * @param address the billing address
 * @param taxId the tax id shown on invoices
 * @param defaultPaymentMethodId the payment method used for invoices unless a subscription names its own
 * @param creditBalance credit in minor units of {@code currency} that the next invoices use up, never negative
 * @param currency the customer's currency once known
 * @param metadata the provider's free-form metadata
 * @param defaultPaymentMethod the payment method {@code defaultPaymentMethodId} names, when
 * the provider answered it with the customer (Stripe: expanded), so showing the card costs
 * no second call; {@code null} when it has to be looked up
 * @param preferredLocales the languages the customer prefers, most preferred first, as
 * language tags ({@code ja-JP}, {@code zh-TW}); on Stripe the customer's
 * {@code preferred_locales}; empty when unknown
 */
public record Customer(String id, @Nullable String externalId, @Nullable String email, @Nullable String name,
		@Nullable String phone, @Nullable Address address, @Nullable String taxId,
		@Nullable String defaultPaymentMethodId, long creditBalance, @Nullable String currency,
		Map<String, String> metadata, @Nullable PaymentMethod defaultPaymentMethod, List<String> preferredLocales) {

	public Customer {
		metadata = Map.copyOf(metadata);
		// Absent from snapshots written before the field existed.
		preferredLocales = (preferredLocales != null) ? List.copyOf(preferredLocales) : List.of();
		Assert.isTrue(defaultPaymentMethod == null || defaultPaymentMethod.id().equals(defaultPaymentMethodId),
				"'defaultPaymentMethod' must be the one 'defaultPaymentMethodId' names");
	}

	/**
	 * A customer whose preferred languages are not known.
	 * @param id the provider's customer id
	 * @param externalId the host's account id
	 * @param email the billing email
	 * @param name the billing name
	 * @param phone the phone number
	 * @param address the billing address
	 * @param taxId the tax id
	 * @param defaultPaymentMethodId the default payment method's id
	 * @param creditBalance credit in minor units
	 * @param currency the customer's currency
	 * @param metadata the provider's metadata
	 * @param defaultPaymentMethod the default payment method, when answered with the customer
	 */
	public Customer(String id, @Nullable String externalId, @Nullable String email, @Nullable String name,
			@Nullable String phone, @Nullable Address address, @Nullable String taxId,
			@Nullable String defaultPaymentMethodId, long creditBalance, @Nullable String currency,
			Map<String, String> metadata, @Nullable PaymentMethod defaultPaymentMethod) {
		this(id, externalId, email, name, phone, address, taxId, defaultPaymentMethodId, creditBalance, currency,
				metadata, defaultPaymentMethod, List.of());
	}

	/**
	 * A customer whose default payment method, if any, was not answered with it.
	 * @param id the provider's customer id
	 * @param externalId the host's account id
	 * @param email the billing email
	 * @param name the billing name
	 * @param phone the phone number
	 * @param address the billing address
	 * @param taxId the tax id
	 * @param defaultPaymentMethodId the default payment method's id
	 * @param creditBalance credit in minor units
	 * @param currency the customer's currency
	 * @param metadata the provider's metadata
	 */
	public Customer(String id, @Nullable String externalId, @Nullable String email, @Nullable String name,
			@Nullable String phone, @Nullable Address address, @Nullable String taxId,
			@Nullable String defaultPaymentMethodId, long creditBalance, @Nullable String currency,
			Map<String, String> metadata) {
		this(id, externalId, email, name, phone, address, taxId, defaultPaymentMethodId, creditBalance, currency,
				metadata, null, List.of());
	}

}
