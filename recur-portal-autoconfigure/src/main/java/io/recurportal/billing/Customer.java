package io.recurportal.billing;

import java.util.Map;

import org.jspecify.annotations.Nullable;

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
 */
public record Customer(String id, @Nullable String externalId, @Nullable String email, @Nullable String name,
		@Nullable String phone, @Nullable Address address, @Nullable String taxId,
		@Nullable String defaultPaymentMethodId, long creditBalance, @Nullable String currency,
		Map<String, String> metadata) {

	public Customer {
		metadata = Map.copyOf(metadata);
	}

}
