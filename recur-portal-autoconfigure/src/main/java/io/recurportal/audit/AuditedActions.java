package io.recurportal.audit;

import java.time.Clock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.account.AccountContext;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Runs a portal action and writes its outcome to the {@link AuditTrail}, whether it
 * succeeds or fails.
 */
public final class AuditedActions {

	private final AuditTrail trail;

	private final Clock clock;

	public AuditedActions(AuditTrail trail, Clock clock) {
		Assert.notNull(trail, "trail must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.trail = trail;
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
		try {
			T result = work.get();
			record(account, action, target, AuditEntry.SUCCEEDED);
			return result;
		}
		catch (PortalException ex) {
			record(account, action, target, ex.getErrorCode().code());
			throw ex;
		}
		catch (RuntimeException ex) {
			record(account, action, target, PortalErrorCode.INTERNAL_ERROR.code());
			throw ex;
		}
	}

	private void record(AccountContext account, String action, @Nullable String target, String result) {
		this.trail.record(new AuditEntry(this.clock.instant(), account.accountId(), account.userId(), action, target,
				result));
	}

}
