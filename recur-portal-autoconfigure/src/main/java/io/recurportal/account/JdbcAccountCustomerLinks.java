package io.recurportal.account;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

import io.recurportal.jdbc.JdbcStoreSupport;

/**
 * Account-to-customer links in the host's database, shared by every instance of the
 * portal. A link is one row keyed by the account, inserted only when absent, so two
 * instances linking the same account at once both succeed and both read the row that won.
 */
public final class JdbcAccountCustomerLinks implements AccountCustomerLinks {

	private final JdbcStoreSupport support;

	private final Clock clock;

	private final String find;

	private final String insert;

	/**
	 * Creates a store on the table {@code <prefix>account_customer}.
	 * @param dataSource the database
	 * @param transactions the transactions of that database
	 * @param tablePrefix the table prefix
	 */
	public JdbcAccountCustomerLinks(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		this(dataSource, transactions, tablePrefix, Clock.systemUTC());
	}

	JdbcAccountCustomerLinks(DataSource dataSource, TransactionOperations transactions, String tablePrefix,
			Clock clock) {
		this.support = new JdbcStoreSupport(dataSource, transactions, tablePrefix);
		this.clock = clock;
		String table = this.support.table("account_customer");
		this.find = "SELECT customer_id FROM " + table + " WHERE account_id = :accountId";
		this.insert = "INSERT INTO " + table + " (account_id, customer_id, linked_at)"
				+ " VALUES (:accountId, :customerId, :linkedAt)";
	}

	@Override
	public Optional<String> find(String accountId) {
		return this.support.jdbc()
			.sql(this.find)
			.param("accountId", accountId)
			.query((resultSet, rowNumber) -> resultSet.getString("customer_id"))
			.optional();
	}

	@Override
	public String link(String accountId, String customerId) {
		Assert.hasText(accountId, "'accountId' must not be empty");
		Assert.hasText(customerId, "'customerId' must not be empty");
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("accountId", accountId);
		parameters.put("customerId", customerId);
		parameters.put("linkedAt", JdbcStoreSupport.timestamp(this.clock.instant()));
		if (this.support.insertIfAbsent(this.insert, "account_id", parameters)) {
			return customerId;
		}
		// Linked before, perhaps by another instance a moment ago: that link stands.
		return find(accountId).orElseThrow(() -> new IllegalStateException(
				"The link of an account to its customer was neither written nor found"));
	}

}
