package io.recurportal.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the account JSON API and the server API for the host's backend
 * ({@code recur.portal.api.*}).
 */
@ConfigurationProperties("recur.portal.api")
public class RecurPortalApiProperties {

	/**
	 * Path prefix of the account JSON API.
	 */
	private String path = "/api/subscriptions";

	/**
	 * Path prefix of the server API for the host's backend ('/portal/sessions',
	 * '/customers/entitlements' below it), wire-compatible with Recur's.
	 */
	private String serverPath = "/v1";

	/**
	 * Portal secret keys the host's backend authenticates to the server API with, as a
	 * bearer token. With none, the server API refuses every request.
	 */
	private List<String> secretKeys = new ArrayList<>();

	/**
	 * Whether the OpenAPI description of both APIs is served, to anyone, at
	 * '/recur-portal/openapi.yaml'. It holds no data, only the API's shape.
	 */
	private boolean openapiEnabled = true;

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public String getServerPath() {
		return this.serverPath;
	}

	public void setServerPath(String serverPath) {
		this.serverPath = serverPath;
	}

	public List<String> getSecretKeys() {
		return this.secretKeys;
	}

	public void setSecretKeys(List<String> secretKeys) {
		this.secretKeys = secretKeys;
	}

	public boolean isOpenapiEnabled() {
		return this.openapiEnabled;
	}

	public void setOpenapiEnabled(boolean openapiEnabled) {
		this.openapiEnabled = openapiEnabled;
	}

}
