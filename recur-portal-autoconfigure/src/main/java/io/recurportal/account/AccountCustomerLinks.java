package io.recurportal.account;

import java.util.Optional;

/**
 * The durable link from a host account to its billing customer, written when the portal
 * creates the account's customer or first finds it, so that later lookups need not ask
 * the provider's search (which lags writes and is not offered everywhere).
 * <p>
 * A link, once written, is kept: when two instances find or create the account's customer
 * at once, the first link wins and the other learns which customer that is, so an account
 * never changes customer behind anyone's back.
 */
public interface AccountCustomerLinks {

	/**
	 * The customer linked to an account.
	 * @param accountId the host's account id
	 * @return the provider's customer id, or empty when the account has no link yet
	 */
	Optional<String> find(String accountId);

	/**
	 * Links an account to a customer unless it is linked already.
	 * @param accountId the host's account id
	 * @param customerId the provider's customer id
	 * @return the customer the account is linked to now: {@code customerId}, or the one an
	 * earlier link named
	 */
	String link(String accountId, String customerId);

}
