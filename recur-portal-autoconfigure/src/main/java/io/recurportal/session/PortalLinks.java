package io.recurportal.session;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Builds the URLs of portal links. Their origin comes from configuration only: the
 * configured {@code recur.portal.base-url}, or the sandbox's own loopback address. It is
 * never taken from the request being served, whose {@code Host} (or
 * {@code X-Forwarded-Host}) header any client can set: a login link emailed on a forged
 * host would hand the customer's session to whoever owns that host. With no origin
 * configured, links are relative to the portal's own application.
 */
public final class PortalLinks {

	private final Supplier<@Nullable String> origin;

	private final String portalPath;

	/**
	 * Links on a fixed origin.
	 * @param baseUrl the public base URL of the application, like
	 * {@code https://billing.example.com}, or {@code null} for relative links
	 * @param portalPath the portal's path, {@code /portal} by default
	 */
	public PortalLinks(@Nullable String baseUrl, String portalPath) {
		this(fixed(baseUrl), portalPath);
	}

	private PortalLinks(Supplier<@Nullable String> origin, String portalPath) {
		Assert.notNull(origin, "'origin' must not be null");
		Assert.hasText(portalPath, "'portalPath' must not be empty");
		this.origin = origin;
		this.portalPath = stripTrailingSlash(portalPath);
	}

	/**
	 * Links on an origin known only later, such as the port a local server ends up on.
	 * @param origin supplies the origin (scheme, host, port and any context path), or
	 * {@code null} while it is not known, for relative links
	 * @param portalPath the portal's path, {@code /portal} by default
	 * @return the links
	 */
	public static PortalLinks withOrigin(Supplier<@Nullable String> origin, String portalPath) {
		return new PortalLinks(origin, portalPath);
	}

	/**
	 * The URL that opens a portal session.
	 * @param token the session's link token
	 * @return the URL
	 */
	public String sessionUrl(String token) {
		return portalUrl("/s/" + token);
	}

	/**
	 * The URL of a portal page, for the provider to send a customer back to.
	 * @param path the page's path below the portal's, starting with {@code /}, or empty
	 * for the overview
	 * @return the URL, absolute when an origin is configured
	 */
	public String portalUrl(String path) {
		return origin() + this.portalPath + path;
	}

	/**
	 * Whether links are absolute, as an emailed link must be.
	 * @return {@code true} when an origin is configured
	 */
	public boolean isAbsolute() {
		return !origin().isEmpty();
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
	 * The absolute URL of a path of the application, such as a well-known document.
	 * @param path the path below the application's root, starting with {@code /}
	 * @return the URL on the configured origin, or {@code null} when no origin is
	 * configured: the request's own {@code Host} is never used instead
	 */
	public @Nullable String applicationUrl(String path) {
		String origin = origin();
		return origin.isEmpty() ? null : origin + path;
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
		String origin = this.origin.get();
		return StringUtils.hasText(origin) ? stripTrailingSlash(origin.trim()) : "";
	}

	private static Supplier<@Nullable String> fixed(@Nullable String baseUrl) {
		return () -> baseUrl;
	}

	private static String stripTrailingSlash(String value) {
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

}
