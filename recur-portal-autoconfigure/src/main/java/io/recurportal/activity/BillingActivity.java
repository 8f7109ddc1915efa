package io.recurportal.activity;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.audit.AuditEntry;
import io.recurportal.audit.AuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.subscription.AccountSubscriptions;

/**
 * An account's recent billing activity from the {@link AuditTrail}, for its owners: who
 * did what, when, how it ended, and why.
 */
public final class BillingActivity {

	/** How many entries are read when the caller names no limit. */
	public static final int DEFAULT_LIMIT = 50;

	/** The most entries read at once. */
	public static final int MAX_LIMIT = 100;

	/** How the portal names the user of a billing link in the audit trail. */
	static final String PORTAL_SESSION_PREFIX = "portal-session:";

	private static final Set<String> REFUSALS = Set.of(PortalErrorCode.OWNER_REQUIRED.code(),
			PortalErrorCode.FEATURE_NOT_ENABLED.code());

	private final AuditTrail trail;

	private final AccountSubscriptions subscriptions;

	private final BillingGateway gateway;

	public BillingActivity(AuditTrail trail, AccountSubscriptions subscriptions, BillingGateway gateway) {
		Assert.notNull(trail, "trail must not be null");
		Assert.notNull(subscriptions, "subscriptions must not be null");
		Assert.notNull(gateway, "gateway must not be null");
		this.trail = trail;
		this.subscriptions = subscriptions;
		this.gateway = gateway;
	}

	/**
	 * The latest activity on an account, newest first.
	 * @param accountId the account
	 * @param limit at most this many, capped at {@link #MAX_LIMIT}
	 * @return the entries
	 */
	public List<ActivityEntry> recent(String accountId, int limit) {
		List<AuditEntry> entries = this.trail.findByAccount(accountId, Math.min(limit, MAX_LIMIT));
		// A billing link is made for the account's customer: its user is that customer's email.
		String linkUser = entries.stream().anyMatch(BillingActivity::viaPortalLink) ? customerEmail(accountId) : null;
		return entries.stream().map((entry) -> view(entry, linkUser)).toList();
	}

	private @Nullable String customerEmail(String accountId) {
		return this.subscriptions.customerId(accountId)
			.flatMap(this.gateway::findCustomer)
			.map(Customer::email)
			.orElse(null);
	}

	private static ActivityEntry view(AuditEntry entry, @Nullable String linkUser) {
		boolean viaLink = viaPortalLink(entry);
		String actor = viaLink ? linkUser : entry.userId();
		ActivityEntry.Outcome outcome = entry.succeeded() ? ActivityEntry.Outcome.SUCCEEDED
				: REFUSALS.contains(entry.result()) ? ActivityEntry.Outcome.REFUSED : ActivityEntry.Outcome.FAILED;
		String reason = null;
		String comment = null;
		if (entry.detail() != null) {
			// The reason's code, then the customer's comment on the next line.
			int newline = entry.detail().indexOf('\n');
			reason = (newline < 0) ? entry.detail() : entry.detail().substring(0, newline);
			comment = (newline < 0) ? null : entry.detail().substring(newline + 1);
			reason = reason.isEmpty() ? null : reason;
		}
		return new ActivityEntry(entry.at(), actor, viaLink, entry.action(), entry.target(), entry.result(), outcome,
				reason, comment);
	}

	private static boolean viaPortalLink(AuditEntry entry) {
		return entry.userId() != null && entry.userId().startsWith(PORTAL_SESSION_PREFIX);
	}

}
