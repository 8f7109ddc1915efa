package io.recurportal.session;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Builds the absolute URLs of portal links. With {@code recur.portal.base-url} set they
 * are always on that origin; otherwise on the origin of the request being served, which
 * is right only behind a proxy that sets the host correctly.
 */
public final class PortalLinks {

	private final @Nullable String baseUrl;

	private final String portalPath;

	public PortalLinks(@Nullable String baseUrl, String portalPath) {
		this.baseUrl = StringUtils.hasText(baseUrl) ? stripTrailingSlash(baseUrl) : null;
		this.portalPath = stripTrailingSlash(portalPath);
	}

	/**
	 * The URL that opens a portal session.
	 * @param token the session's link token
	 * @return the URL
	 */
	public String sessionUrl(String token) {
		return origin() + this.portalPath + "/s/" + token;
	}

	private String origin() {
		if (this.baseUrl != null) {
			return this.baseUrl;
		}
		try {
			return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		}
		catch (IllegalStateException ex) {
			// No request being served (a host calling PortalSessions from a job): a relative link.
			return "";
		}
	}

	private static String stripTrailingSlash(String value) {
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

}
