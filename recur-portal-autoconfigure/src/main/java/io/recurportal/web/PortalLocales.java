package io.recurportal.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessions;

/**
 * Chooses the language of a portal page: a {@code lang} parameter (remembered in a
 * cookie), else the language chosen before, else the session's locale, else the best
 * match of the browser's {@code Accept-Language}, else English. The host's own
 * {@code LocaleResolver} is left alone.
 */
final class PortalLocales {

	static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.TRADITIONAL_CHINESE,
			Locale.SIMPLIFIED_CHINESE, Locale.JAPANESE, Locale.forLanguageTag("th"));

	private PortalLocales() {
	}

	static Locale resolve(HttpServletRequest request, HttpServletResponse response, @Nullable PortalSession session,
			String cookiePath) {
		Optional<Locale> asked = Optional.ofNullable(request.getParameter("lang")).flatMap(PortalLocales::supported);
		if (asked.isPresent()) {
			PortalCookies.write(request, response, PortalCookies.LANGUAGE, asked.get().toLanguageTag(),
					Duration.ofDays(365), cookiePath, true);
			return asked.get();
		}
		Optional<Locale> chosen = PortalCookies.read(request, PortalCookies.LANGUAGE)
			.flatMap(PortalLocales::supported);
		if (chosen.isPresent()) {
			return chosen.get();
		}
		if (session != null && session.locale() != null) {
			Optional<Locale> locale = supported(session.locale());
			if (locale.isPresent()) {
				return locale.get();
			}
		}
		String header = request.getHeader("Accept-Language");
		if (header != null) {
			try {
				for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
					Optional<Locale> match = supported(range.getRange());
					if (match.isPresent()) {
						return match.get();
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// A malformed header: fall back to English.
			}
		}
		return Locale.ENGLISH;
	}

	static Optional<Locale> supported(String tag) {
		return PortalSessions.supportedLocale(tag).map(Locale::forLanguageTag);
	}

}
