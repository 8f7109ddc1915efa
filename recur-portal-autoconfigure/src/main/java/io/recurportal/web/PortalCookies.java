package io.recurportal.web;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The portal's cookies: the browser session (HttpOnly, SameSite=Lax, Secure when the
 * request is, scoped to the portal's path) and the chosen language.
 */
final class PortalCookies {

	static final String SESSION = "recur_portal_session";

	static final String LANGUAGE = "recur_portal_lang";

	private PortalCookies() {
	}

	static Optional<String> read(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if (name.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
				return Optional.of(cookie.getValue());
			}
		}
		return Optional.empty();
	}

	static void write(HttpServletRequest request, HttpServletResponse response, String name, String value,
			Duration maxAge, String path, boolean httpOnly) {
		ResponseCookie cookie = ResponseCookie.from(name, value)
			.path(path)
			.maxAge(maxAge)
			.httpOnly(httpOnly)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	static void clear(HttpServletRequest request, HttpServletResponse response, String name, String path) {
		write(request, response, name, "", Duration.ZERO, path, true);
	}

}
