package io.recurportal.web;

import java.util.List;

/**
 * Supplies the license keys a customer sees in the portal ({@code license-keys}
 * feature). The host implements it as a bean; without one the section stays empty.
 */
@FunctionalInterface
public interface LicenseKeyProvider {

	/**
	 * The license keys of a customer.
	 * @param customerId the provider's customer id
	 * @param accountId the host account of the customer, when known
	 * @return the keys
	 */
	List<LicenseKey> licenseKeys(String customerId, String accountId);

}
