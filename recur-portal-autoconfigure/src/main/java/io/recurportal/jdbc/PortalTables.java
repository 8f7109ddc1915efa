package io.recurportal.jdbc;

import java.util.List;

/**
 * The tables the portal's schema files create, named without their prefix.
 */
public final class PortalTables {

	/** Every table of the schema files, without the prefix. */
	public static final List<String> NAMES = List.of("subscription", "subscription_sync", "billing_snapshot",
			"billing_change", "account_customer", "audit", "session", "webhook_event", "webhook_work", "provider_budget",
			"login_attempt", "email_change", "sent_email");

	private PortalTables() {
	}

	/**
	 * Every table's full name.
	 * @param tablePrefix the prefix, {@code recur_portal_} by default
	 * @return the names with the prefix
	 */
	public static List<String> withPrefix(String tablePrefix) {
		return NAMES.stream().map((name) -> tablePrefix + name).toList();
	}

}
