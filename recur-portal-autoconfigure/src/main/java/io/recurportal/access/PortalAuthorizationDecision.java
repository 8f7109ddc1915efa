package io.recurportal.access;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.util.Assert;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * A {@link PortalAuthorizationManager} decision: granted, or denied with the portal
 * error the caller is answered with ({@code feature_not_enabled}, {@code owner_required},
 * {@code account_claim_missing}, ...).
 */
public final class PortalAuthorizationDecision extends AuthorizationDecision {

	private static final long serialVersionUID = 1L;

	private static final PortalAuthorizationDecision GRANTED = new PortalAuthorizationDecision(null, null);

	private final @Nullable PortalErrorCode code;

	private final @Nullable String reason;

	private PortalAuthorizationDecision(@Nullable PortalErrorCode code, @Nullable String reason) {
		super(code == null);
		this.code = code;
		this.reason = reason;
	}

	static PortalAuthorizationDecision granted() {
		return GRANTED;
	}

	static PortalAuthorizationDecision denied(PortalException denial) {
		return new PortalAuthorizationDecision(denial.getErrorCode(), denial.getMessage());
	}

	/**
	 * The error a denied caller is answered with.
	 * @return the code, or {@code null} when granted
	 */
	public @Nullable PortalErrorCode getCode() {
		return this.code;
	}

	/**
	 * The denial as the exception the portal answers with.
	 * @return the exception
	 * @throws IllegalStateException when the decision is a grant
	 */
	public PortalException toException() {
		Assert.state(this.code != null && this.reason != null, "A granted decision has no denial");
		return new PortalException(this.code, this.reason);
	}

	@Override
	public String toString() {
		return "PortalAuthorizationDecision [granted=" + isGranted() + ", code=" + this.code + "]";
	}

}
