package io.recurportal.audit;

import java.util.List;

/**
 * Where portal actions are recorded. In memory by default; JDBC when the host has a
 * {@code DataSource}.
 */
public interface AuditTrail {

	/**
	 * Records an action.
	 * @param entry the action
	 */
	void record(AuditEntry entry);

	/**
	 * The latest actions on an account, newest first.
	 * @param accountId the account
	 * @param limit at most this many
	 * @return the entries
	 */
	List<AuditEntry> findByAccount(String accountId, int limit);

}
