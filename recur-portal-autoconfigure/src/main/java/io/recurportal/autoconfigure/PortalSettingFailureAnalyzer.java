package io.recurportal.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link PortalSettingException} into Boot's "APPLICATION FAILED TO START"
 * report, instead of a stack trace whose first bean is the host's.
 */
class PortalSettingFailureAnalyzer extends AbstractFailureAnalyzer<PortalSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortalSettingException cause) {
		Object value = cause.getValue();
		String description = "recur-portal cannot start with " + cause.getProperty()
				+ ((value != null) ? " = '" + value + "'" : " unset") + ": " + cause.getProblem();
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
