package io.recurportal.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of which portal configuration each role gets
 * ({@code recur.portal.role-mapping.*}).
 */
@ConfigurationProperties("recur.portal.role-mapping")
public class RecurPortalRoleMappingProperties {

	/**
	 * Role to configuration name. When a caller has several mapped roles, the entry
	 * listed first wins, so list the most privileged roles first.
	 */
	private Map<String, String> roles = new LinkedHashMap<>(Map.of("owner", "full"));

	/**
	 * Configuration name for callers none of whose roles is mapped.
	 */
	private String fallback = "invoices";

	public Map<String, String> getRoles() {
		return this.roles;
	}

	public void setRoles(Map<String, String> roles) {
		this.roles = roles;
	}

	public String getFallback() {
		return this.fallback;
	}

	public void setFallback(String fallback) {
		this.fallback = fallback;
	}

}
