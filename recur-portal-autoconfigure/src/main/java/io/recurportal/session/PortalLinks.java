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

	/**
	 * The URL of the page that confirms a billing email change.
	 * @param token the change's link token
	 * @return the URL
	 */
	public String emailChangeUrl(String token) {
		return origin() + this.portalPath + "/email/" + token;
	}

	/**
	 * A link as logs and {@code toString()} may show it: everything up to its last path
	 * segment, which is the token, a credential until the link is opened. Works for any
	 * link whose last segment is a secret, such as a Stripe billing-portal session's.
	 * @param url the link
	 * @return the link with its last path segment, query and fragment replaced by
	 * {@code [redacted]}
	 */
	public static String redact(@Nullable String url) {
		if (url == null) {
			return "null";
		}
		int end = url.length();
		int query = url.indexOf('?');
		int fragment = url.indexOf('#');
		if (query >= 0) {
			end = query;
		}
		if (fragment >= 0 && fragment < end) {
			end = fragment;
		}
		return url.substring(0, url.lastIndexOf('/', end - 1) + 1) + "[redacted]";
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
