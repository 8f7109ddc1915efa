package io.recurportal.account;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.Assert;

/**
 * Account-to-customer links in this JVM's memory: right for one instance; use the JDBC
 * store when several instances serve the portal.
 */
public final class InMemoryAccountCustomerLinks implements AccountCustomerLinks {

	private final Map<String, String> customers = new ConcurrentHashMap<>();

	@Override
	public Optional<String> find(String accountId) {
		return Optional.ofNullable(this.customers.get(accountId));
	}

	@Override
	public String link(String accountId, String customerId) {
		Assert.hasText(accountId, "'accountId' must not be empty");
		Assert.hasText(customerId, "'customerId' must not be empty");
		String linked = this.customers.putIfAbsent(accountId, customerId);
		return (linked != null) ? linked : customerId;
	}

}
