package io.recurportal.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One portal action as the audit trail keeps it.
 *
 * @param at when it ended
 * @param accountId the account acted on
 * @param userId who acted
 * @param action what they did, {@code cancel_subscription} for example
 * @param target what they acted on, a subscription id for example
 * @param result {@code succeeded}, or the error code it failed with
 */
public record AuditEntry(Instant at, String accountId, @Nullable String userId, String action,
		@Nullable String target, String result) {

	/** The result of an action that succeeded. */
	public static final String SUCCEEDED = "succeeded";

	/**
	 * Whether the action succeeded.
	 * @return {@code true} when it did
	 */
	public boolean succeeded() {
		return SUCCEEDED.equals(this.result);
	}

}
