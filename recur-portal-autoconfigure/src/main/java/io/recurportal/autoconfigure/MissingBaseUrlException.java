package io.recurportal.autoconfigure;

/**
 * Thrown at start-up when a feature sends links out of the application (email login) and
 * {@code recur.portal.base-url} does not say on which origin; explained by
 * {@link MissingBaseUrlFailureAnalyzer}.
 */
final class MissingBaseUrlException extends RuntimeException {

	static final String PROPERTY = "recur.portal.base-url";

	private final String feature;

	MissingBaseUrlException(String feature) {
		super(PROPERTY + " is not set, and " + feature + " needs it: links are never built from the request's Host");
		this.feature = feature;
	}

	String getFeature() {
		return this.feature;
	}

}
