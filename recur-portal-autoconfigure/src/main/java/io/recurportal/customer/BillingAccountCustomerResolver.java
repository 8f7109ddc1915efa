package io.recurportal.customer;

import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

import io.recurportal.account.AccountCustomerLinks;
import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.account.InMemoryAccountCustomerLinks;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.snapshot.AccountSnapshots;

/**
 * Resolves an account's customer from its {@link AccountCustomerLinks link}, and only for
 * an account with no link yet by asking the provider for the customer whose external id
 * is the account id (Stripe's search lags writes by up to a minute, so it is the
 * fallback). The customer found is linked, and kept as the account's snapshot so showing
 * it next costs no second call.
 */
public final class BillingAccountCustomerResolver implements AccountCustomerResolver {

	private static final Log logger = LogFactory.getLog(BillingAccountCustomerResolver.class);

	private final BillingGateway gateway;

	private final AccountSnapshots snapshots;

	private final AccountCustomerLinks links;

	/**
	 * Creates a resolver whose links live in this JVM's memory.
	 * @param gateway the provider
	 * @param snapshots where the customer found is kept
	 */
	public BillingAccountCustomerResolver(BillingGateway gateway, AccountSnapshots snapshots) {
		this(gateway, snapshots, new InMemoryAccountCustomerLinks());
	}

	/**
	 * Creates a resolver.
	 * @param gateway the provider
	 * @param snapshots where the customer found is kept
	 * @param links the accounts' links to their customers
	 */
	public BillingAccountCustomerResolver(BillingGateway gateway, AccountSnapshots snapshots,
			AccountCustomerLinks links) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(snapshots, "snapshots must not be null");
		Assert.notNull(links, "links must not be null");
		this.gateway = gateway;
		this.snapshots = snapshots;
		this.links = links;
	}

	@Override
	public Optional<String> resolveCustomerId(String accountId) {
		Optional<String> linked = this.links.find(accountId);
		if (linked.isPresent()) {
			return linked;
		}
		return this.snapshots.lookUpCustomer(accountId, () -> this.gateway.findCustomerByExternalId(accountId))
			.map(Customer::id)
			.map((found) -> link(accountId, found));
	}

	private String link(String accountId, String found) {
		String linked = this.links.link(accountId, found);
		if (!linked.equals(found)) {
			// Two customers name the account; the one it was linked to first stays its customer.
			logger.warn("Account " + accountId + " is linked to customer " + linked + "; customer " + found
					+ " also names it and is ignored");
		}
		return linked;
	}

}
