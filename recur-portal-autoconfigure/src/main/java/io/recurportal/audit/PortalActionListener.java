package io.recurportal.audit;

/**
 * Told of every portal action once it has run, whether it succeeded or failed, before it
 * is recorded. The portal registers one that forgets the account's snapshots, since any
 * action may change what the provider holds for the account (a failed charge too leaves
 * an invoice).
 */
@FunctionalInterface
public interface PortalActionListener {

	/**
	 * An action has run.
	 * @param accountId the account it acted on
	 * @param action the action's name
	 * @param result {@link AuditEntry#SUCCEEDED} or the portal error code it failed with
	 */
	void actionPerformed(String accountId, String action, String result);

}
