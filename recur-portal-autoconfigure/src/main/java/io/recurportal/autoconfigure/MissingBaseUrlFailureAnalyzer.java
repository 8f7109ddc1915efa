package io.recurportal.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing {@code recur.portal.base-url} and what to write.
 */
class MissingBaseUrlFailureAnalyzer extends AbstractFailureAnalyzer<MissingBaseUrlException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingBaseUrlException cause) {
		String description = "recur-portal's " + cause.getFeature() + " sends customers links that must point at "
				+ "this application, but " + MissingBaseUrlException.PROPERTY + " is not set. The portal never "
				+ "takes a link's origin from the request's Host or X-Forwarded-Host header, which any client "
				+ "can forge to have a login link emailed on its own host.";
		String action = "Set " + MissingBaseUrlException.PROPERTY + " to the public URL customers reach this "
				+ "application at, for example '" + MissingBaseUrlException.PROPERTY
				+ "=https://billing.example.com' (with any context path), or turn email login off with "
				+ "'recur.portal.login.enabled=false'.";
		return new FailureAnalysis(description, action, cause);
	}

}
