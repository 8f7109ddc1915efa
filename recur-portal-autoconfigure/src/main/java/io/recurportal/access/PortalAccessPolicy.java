package io.recurportal.access;

import org.jspecify.annotations.Nullable;

import io.recurportal.configuration.PortalFeature;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * The one place that decides whether a caller may perform a portal action: the
 * action's feature must be in the caller's configuration, and an action that changes
 * billing needs an owner.
 */
public final class PortalAccessPolicy {

	/**
	 * Checks a caller against an action.
	 * @param caller the caller
	 * @param action the action
	 * @throws PortalException {@code feature_not_enabled} or {@code owner_required} when denied
	 */
	public void check(PortalCaller caller, PortalAction action) {
		PortalException denial = denial(caller, action);
		if (denial != null) {
			throw denial;
		}
	}

	/**
	 * Whether a caller may perform an action, for deciding what to show.
	 * @param caller the caller
	 * @param action the action
	 * @return {@code true} when {@link #check} would pass
	 */
	public boolean allows(PortalCaller caller, PortalAction action) {
		return denial(caller, action) == null;
	}

	@Nullable PortalException denial(PortalCaller caller, PortalAction action) {
		PortalFeature feature = action.feature();
		if (feature != null && !caller.configuration().allows(feature)) {
			return new PortalException(PortalErrorCode.FEATURE_NOT_ENABLED, "The portal configuration '"
					+ caller.configuration().id() + "' does not include '" + feature + "'.");
		}
		if (action.changesBilling() && !caller.account().owner()) {
			return new PortalException(PortalErrorCode.OWNER_REQUIRED,
					"Only an owner of the account can change its billing.");
		}
		return null;
	}

}
