package io.recurportal.audit;

import java.time.Clock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.account.AccountContext;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.snapshot.AccountSnapshots;

/**
 * Runs a portal action: writes its outcome to the {@link AuditTrail} and the metrics,
 * whether it succeeds or fails, and, since any action may change what the provider holds
 * for the account (a failed charge too leaves an invoice), forgets the account's
 * snapshots.
 */
public final class AuditedActions {

	private final AuditTrail trail;

	private final AccountSnapshots snapshots;

	private final PortalMetrics metrics;

	private final Clock clock;

	public AuditedActions(AuditTrail trail, AccountSnapshots snapshots, PortalMetrics metrics, Clock clock) {
		Assert.notNull(trail, "trail must not be null");
		Assert.notNull(snapshots, "snapshots must not be null");
		Assert.notNull(metrics, "metrics must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.trail = trail;
		this.snapshots = snapshots;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Runs an action and records it.
	 * @param <T> what the action answers
	 * @param account who acts on which account
	 * @param action the action's name
	 * @param target what it acts on, if anything
	 * @param work the action
	 * @return what the action answered
	 */
	public <T> T perform(AccountContext account, String action, @Nullable String target, Supplier<T> work) {
		String result = PortalErrorCode.INTERNAL_ERROR.code();
		try {
			T answer = work.get();
			result = AuditEntry.SUCCEEDED;
			return answer;
		}
		catch (PortalException ex) {
			result = ex.getErrorCode().code();
			throw ex;
		}
		finally {
			this.snapshots.forget(account.accountId());
			this.trail.record(new AuditEntry(this.clock.instant(), account.accountId(), account.userId(), action,
					target, result));
			this.metrics.action(action, result);
		}
	}

}
