package io.recurportal.audit;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.account.AccountContext;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.metrics.PortalMetrics;

/**
 * Runs a portal action: tells the {@link PortalActionListener listeners} and writes its
 * outcome to the {@link AuditTrail} and the metrics, whether it succeeds or fails.
 */
public final class AuditedActions {

	private final AuditTrail trail;

	private final PortalMetrics metrics;

	private final Clock clock;

	private final List<PortalActionListener> listeners;

	/**
	 * Creates the runner.
	 * @param trail where outcomes are recorded
	 * @param metrics where outcomes are counted
	 * @param clock the time of each record
	 * @param listeners told of each action, in order, before it is recorded
	 */
	public AuditedActions(AuditTrail trail, PortalMetrics metrics, Clock clock, PortalActionListener... listeners) {
		Assert.notNull(trail, "trail must not be null");
		Assert.notNull(metrics, "metrics must not be null");
		Assert.notNull(clock, "clock must not be null");
		Assert.noNullElements(listeners, "listeners must not contain null");
		this.trail = trail;
		this.metrics = metrics;
		this.clock = clock;
		this.listeners = List.of(listeners);
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
		return perform(account, action, target, null, work);
	}

	/**
	 * Runs an action and records it with a detail for the owner.
	 * @param <T> what the action answers
	 * @param account who acts on which account
	 * @param action the action's name
	 * @param target what it acts on, if anything
	 * @param detail what else the owner should know, the reason for a cancellation for example
	 * @param work the action
	 * @return what the action answered
	 */
	public <T> T perform(AccountContext account, String action, @Nullable String target, @Nullable String detail,
			Supplier<T> work) {
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
			for (PortalActionListener listener : this.listeners) {
				listener.actionPerformed(account.accountId(), action, result);
			}
			this.trail.record(new AuditEntry(this.clock.instant(), account.accountId(), account.userId(), action,
					target, result, detail));
			this.metrics.action(action, result);
		}
	}

	/**
	 * Records an action the portal refused before it ran ({@code owner_required},
	 * {@code feature_not_enabled}): nothing changed, so no listener is told.
	 * @param account who tried, on which account
	 * @param action the action's name
	 * @param code the error code it was refused with
	 */
	public void refused(AccountContext account, String action, String code) {
		this.trail.record(new AuditEntry(this.clock.instant(), account.accountId(), account.userId(), action, null,
				code));
		this.metrics.action(action, code);
	}

}
