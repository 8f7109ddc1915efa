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
 * @param result {@code succeeded}, or the error code it failed or was refused with
 * @param detail what else the owner should know, the reason given for a cancellation
 * for example
 */
public record AuditEntry(Instant at, String accountId, @Nullable String userId, String action,
		@Nullable String target, String result, @Nullable String detail) {

	/** The result of an action that succeeded. */
	public static final String SUCCEEDED = "succeeded";

	/** The longest detail kept. */
	public static final int MAX_DETAIL_LENGTH = 500;

	public AuditEntry {
		if (detail != null && detail.length() > MAX_DETAIL_LENGTH) {
			detail = detail.substring(0, MAX_DETAIL_LENGTH);
		}
	}

	/**
	 * An entry without detail.
	 * @param at when it ended
	 * @param accountId the account acted on
	 * @param userId who acted
	 * @param action what they did
	 * @param target what they acted on
	 * @param result {@code succeeded}, or the error code it failed with
	 */
	public AuditEntry(Instant at, String accountId, @Nullable String userId, String action, @Nullable String target,
			String result) {
		this(at, accountId, userId, action, target, result, null);
	}

	/**
	 * Whether the action succeeded.
	 * @return {@code true} when it did
	 */
	public boolean succeeded() {
		return SUCCEEDED.equals(this.result);
	}

}
