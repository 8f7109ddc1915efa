package io.recurportal.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A failure the portal reports to its caller with a stable {@link PortalErrorCode}.
 * The message is safe to show to a customer: it never carries secrets, tokens or
 * another account's data.
 */
public class PortalException extends RuntimeException {

	private final PortalErrorCode errorCode;

	private final @Nullable Duration retryAfter;

	public PortalException(PortalErrorCode errorCode, String message) {
		this(errorCode, message, null, null);
	}

	public PortalException(PortalErrorCode errorCode, String message, @Nullable Throwable cause) {
		this(errorCode, message, null, cause);
	}

	public PortalException(PortalErrorCode errorCode, String message, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, cause);
		this.errorCode = errorCode;
		this.retryAfter = retryAfter;
	}

	/**
	 * The error's code.
	 * @return the code
	 */
	public PortalErrorCode getErrorCode() {
		return this.errorCode;
	}

	/**
	 * How long the caller should wait before retrying, when the provider said so.
	 * @return the delay, or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
