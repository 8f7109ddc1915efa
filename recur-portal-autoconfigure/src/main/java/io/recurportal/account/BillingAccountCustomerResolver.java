package io.recurportal.account;

import java.util.Optional;

import org.springframework.util.Assert;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;

/**
 * Resolves an account's customer by asking the provider for the customer whose
 * external id is the account id.
 */
public final class BillingAccountCustomerResolver implements AccountCustomerResolver {

	private final BillingGateway gateway;

	public BillingAccountCustomerResolver(BillingGateway gateway) {
		Assert.notNull(gateway, "gateway must not be null");
		this.gateway = gateway;
	}

	@Override
	public Optional<String> resolveCustomerId(String accountId) {
		return this.gateway.findCustomerByExternalId(accountId).map(Customer::id);
	}

}
