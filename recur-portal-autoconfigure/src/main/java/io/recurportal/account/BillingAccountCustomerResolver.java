package io.recurportal.account;

import java.util.Optional;

import org.springframework.util.Assert;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.snapshot.AccountSnapshots;

/**
 * Resolves an account's customer by asking the provider for the customer whose
 * external id is the account id. The customer found is kept as the account's snapshot,
 * so showing it next costs no second call.
 */
public final class BillingAccountCustomerResolver implements AccountCustomerResolver {

	private final BillingGateway gateway;

	private final AccountSnapshots snapshots;

	public BillingAccountCustomerResolver(BillingGateway gateway, AccountSnapshots snapshots) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(snapshots, "snapshots must not be null");
		this.gateway = gateway;
		this.snapshots = snapshots;
	}

	@Override
	public Optional<String> resolveCustomerId(String accountId) {
		return this.snapshots.lookUpCustomer(accountId, () -> this.gateway.findCustomerByExternalId(accountId))
			.map(Customer::id);
	}

}
