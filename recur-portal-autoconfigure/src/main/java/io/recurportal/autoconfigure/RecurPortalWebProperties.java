package io.recurportal.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the portal's own pages ({@code recur.portal.web.*}).
 */
@ConfigurationProperties("recur.portal.web")
public class RecurPortalWebProperties {

	/**
	 * Path prefix of the portal pages.
	 */
	private String path = "/portal";

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
