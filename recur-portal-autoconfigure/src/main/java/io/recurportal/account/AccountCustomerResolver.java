package io.recurportal.account;

import java.util.Optional;

/**
 * Finds the billing customer of a host account. The default reads the account's
 * {@link AccountCustomerLinks link}, and only for an account with no link yet looks the
 * customer up at the provider by external id (on Stripe the customer metadata
 * {@code recur_account_id}); a host that stores the customer id itself replaces it with a
 * bean of this type.
 */
@FunctionalInterface
public interface AccountCustomerResolver {

	/**
	 * The customer id of an account.
	 * @param accountId the host's account id
	 * @return the provider's customer id, or empty when the account has no customer yet
	 */
	Optional<String> resolveCustomerId(String accountId);

}
