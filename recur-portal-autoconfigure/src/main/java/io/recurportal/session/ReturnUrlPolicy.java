package io.recurportal.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Decides where the portal may send a customer: only to absolute http(s) URLs on the
 * allowed origins ({@code recur.portal.allowed-return-origins}), never elsewhere, so no
 * portal link can be turned into an open redirect.
 */
public final class ReturnUrlPolicy {

	/** The placeholder Stripe replaces with the session id in a checkout success URL. */
	public static final String CHECKOUT_SESSION_PLACEHOLDER = "{CHECKOUT_SESSION_ID}";

	private final Set<String> allowedOrigins;

	/**
	 * Creates the policy.
	 * @param allowedOrigins origins like {@code https://app.example.com}
	 * @throws IllegalArgumentException when an origin is not a bare http(s) origin
	 */
	public ReturnUrlPolicy(Collection<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins.stream().map(ReturnUrlPolicy::originOfConfigured)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Checks a URL the caller asks to be sent back to.
	 * @param url the URL
	 * @return the URL, trimmed
	 * @throws PortalException {@code missing_return_url} when blank,
	 * {@code return_url_not_allowed} when not on an allowed origin
	 */
	public String check(@Nullable String url) {
		if (url == null || url.isBlank()) {
			throw new PortalException(PortalErrorCode.MISSING_RETURN_URL, "A return URL is required.");
		}
		if (!allows(url)) {
			throw new PortalException(PortalErrorCode.RETURN_URL_NOT_ALLOWED,
					"The URL is not on an origin this portal may return to.");
		}
		return url.trim();
	}

	/**
	 * Whether a URL is on an allowed origin.
	 * @param url the URL
	 * @return {@code true} when {@link #check} would accept it
	 */
	public boolean allows(@Nullable String url) {
		if (url == null || url.isBlank()) {
			return false;
		}
		URI uri = parse(url.trim());
		return uri != null && this.allowedOrigins.contains(origin(uri));
	}

	private static @Nullable URI parse(String url) {
		if (url.length() > 2048) {
			return null;
		}
		try {
			// Stripe fills in this placeholder of a success URL; it is not valid URI syntax.
			URI uri = new URI(url.replace(CHECKOUT_SESSION_PLACEHOLDER, "CHECKOUT_SESSION_ID"));
			String scheme = uri.getScheme();
			boolean http = "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
			// No user info: https://app.example.com@evil.example is not app.example.com.
			return (http && uri.getHost() != null && uri.getRawUserInfo() == null) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String origin(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
		return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
	}

	private static String originOfConfigured(String configured) {
		URI uri = parse(configured.trim());
		if (uri == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("recur.portal.allowed-return-origins entries must be origins like "
					+ "https://app.example.com, not '" + configured + "'");
		}
		return origin(uri);
	}

}
