package io.recurportal.autoconfigure;

import java.time.Duration;

/**
 * Start-up checks of durations shared by several settings, failing through
 * {@link PortalSettingFailureAnalyzer}.
 */
final class PortalSettingsChecks {

	private PortalSettingsChecks() {
	}

	static void positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new PortalSettingException(property, value, "it must be longer than zero",
					"Write a positive duration, like " + property + "=10m.");
		}
	}

	static void notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new PortalSettingException(property, value, "it cannot be negative",
					"Write a duration of zero or more, like " + property + "=10m.");
		}
	}

}
