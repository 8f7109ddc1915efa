package io.recurportal.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.util.Assert;

import io.recurportal.session.PortalSessions;
import io.recurportal.session.PortalTokens;

/**
 * CSRF tokens bound to the browser's portal session, with nothing stored anywhere.
 * <p>
 * With a portal session, the token is an HMAC keyed by the session's browser token,
 * the 256-bit secret in the HttpOnly session cookie: only that browser holds it (stores
 * keep its hash only), so a token minted for one session is worthless with another's
 * cookie, and any instance computes the same token from the request alone. No server
 * key is needed, so there is none to share between instances or to rotate; and a
 * database reader, who sees only hashes, cannot compute it either.
 * <p>
 * Before a session exists (the sign-in form, the page that confirms opening a link),
 * the key is a random value in an HttpOnly cookie of its own, {@value #COOKIE}, set
 * with the first form: a forged request from another site carries the cookie but
 * cannot read the page, so it cannot know the token.
 */
public final class SessionBoundCsrfTokenRepository implements CsrfTokenRepository {

	/** The cookie holding the key of forms shown before a portal session exists. */
	public static final String COOKIE = "recur_portal_csrf";

	private static final String PARAMETER = "_csrf";

	private static final String HEADER = "X-CSRF-TOKEN";

	private final String cookiePath;

	/**
	 * Creates the repository.
	 * @param cookiePath the portal's path, where its cookies are sent
	 */
	public SessionBoundCsrfTokenRepository(String cookiePath) {
		Assert.hasText(cookiePath, "cookiePath must not be empty");
		this.cookiePath = cookiePath;
	}

	@Override
	public @Nullable CsrfToken loadToken(HttpServletRequest request) {
		Optional<String> session = wellFormed(request, PortalCookies.SESSION);
		if (session.isPresent()) {
			return token(session.get(), "session");
		}
		return wellFormed(request, COOKIE).map((key) -> token(key, "pre-session")).orElse(null);
	}

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		CsrfToken existing = loadToken(request);
		return (existing != null) ? existing : new NewPreSessionToken(PortalTokens.generate());
	}

	@Override
	public void saveToken(@Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		if (token == null) {
			PortalCookies.clear(request, response, COOKIE, this.cookiePath);
		}
		else if (token instanceof NewPreSessionToken created) {
			PortalCookies.write(request, response, COOKIE, created.key, PortalSessions.BROWSER_SESSION_LIFETIME,
					this.cookiePath, true);
		}
	}

	private static Optional<String> wellFormed(HttpServletRequest request, String cookie) {
		return PortalCookies.read(request, cookie).filter(PortalTokens::isWellFormed);
	}

	private static CsrfToken token(String key, String purpose) {
		return new Token(hmac(key, purpose));
	}

	private static String hmac(String key, String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
			byte[] value = mac.doFinal(("recur-portal csrf " + purpose).getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
		}
	}

	private static class Token implements CsrfToken {

		private final String value;

		Token(String value) {
			this.value = value;
		}

		@Override
		public String getHeaderName() {
			return HEADER;
		}

		@Override
		public String getParameterName() {
			return PARAMETER;
		}

		@Override
		public String getToken() {
			return this.value;
		}

	}

	// A pre-session token whose key the response still has to set as a cookie.
	private static final class NewPreSessionToken extends Token {

		private final String key;

		NewPreSessionToken(String key) {
			super(hmac(key, "pre-session"));
			this.key = key;
		}

	}

}
