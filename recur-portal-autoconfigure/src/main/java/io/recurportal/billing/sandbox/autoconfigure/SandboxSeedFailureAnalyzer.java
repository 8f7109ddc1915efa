package io.recurportal.billing.sandbox.autoconfigure;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

import io.recurportal.billing.sandbox.InvalidSeedException;

/**
 * Explains bad seed data given as {@code recur.portal.sandbox.data.*} properties, which
 * fails while the properties are bound: the property path and the field's problem,
 * instead of Boot's generic binding report. Runs before Boot's own binding analyzer.
 */
class SandboxSeedFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		InvalidSeedException invalid = findCause(cause, InvalidSeedException.class);
		if (invalid == null) {
			return null;
		}
		String where = cause.getName().toString();
		String field = invalid.field();
		// Checks across records name the whole path from the seed's root; others, their own field.
		String property = (field.startsWith("products[") || field.startsWith("customers[")) ? dataRoot(where) + "."
				+ field : where + "." + field;
		String value = (cause.getProperty() != null) ? " = '" + cause.getProperty().getValue() + "'" : "";
		return new FailureAnalysis("recur-portal cannot start with the sandbox seed in " + property + value + ": "
				+ invalid.problem(),
				"Fix " + property + "; the README's \"Using the sandbox in your own host\" shows a complete seed.",
				cause);
	}

	private static String dataRoot(String where) {
		int data = where.indexOf(".data");
		return (data >= 0) ? where.substring(0, data + ".data".length()) : where;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
