package io.recurportal.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the portal sessions created for customers ({@code recur.portal.sessions.*}).
 */
@ConfigurationProperties("recur.portal.sessions")
public class RecurPortalSessionsProperties {

	/**
	 * Portal configuration of a session whose request names none.
	 */
	private String defaultConfiguration = "full";

	public String getDefaultConfiguration() {
		return this.defaultConfiguration;
	}

	public void setDefaultConfiguration(String defaultConfiguration) {
		this.defaultConfiguration = defaultConfiguration;
	}

}
