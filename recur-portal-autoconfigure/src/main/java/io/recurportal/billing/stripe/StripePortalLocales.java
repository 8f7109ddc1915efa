package io.recurportal.billing.stripe;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.stripe.param.billingportal.SessionCreateParams;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The locale of Stripe's hosted portal for a portal locale. The portal's languages map as
 * {@code en -> en}, {@code zh-TW -> zh-TW}, {@code zh-CN -> zh}, {@code ja -> ja} and
 * {@code th -> th}; any other tag Stripe knows (with or without its region) is passed on,
 * and anything else is {@code auto}: the customer's preferred locales, else the browser's.
 */
final class StripePortalLocales {

	private StripePortalLocales() {
	}

	/**
	 * The Stripe locale for a language tag.
	 * @param languageTag a BCP 47 tag such as {@code zh-TW} ({@code _} is accepted too), or
	 * {@code null}
	 * @return the locale, {@code AUTO} when Stripe has none for the tag, {@code null} when
	 * no tag is given (Stripe then chooses as for {@code auto})
	 */
	static SessionCreateParams.@Nullable Locale of(@Nullable String languageTag) {
		if (!StringUtils.hasText(languageTag)) {
			return null;
		}
		Locale locale = Locale.forLanguageTag(languageTag.trim().replace('_', '-'));
		String language = locale.getLanguage();
		if (language.isEmpty()) {
			return SessionCreateParams.Locale.AUTO;
		}
		if ("zh".equals(language)) {
			return chinese(locale);
		}
		String region = locale.getCountry();
		if (!region.isEmpty()) {
			Optional<SessionCreateParams.Locale> regional = find(language + "-" + region);
			if (regional.isPresent()) {
				return regional.get();
			}
		}
		return find(language).orElse(SessionCreateParams.Locale.AUTO);
	}

	// Stripe tells Chinese scripts by region: zh is simplified, zh-TW and zh-HK traditional.
	private static SessionCreateParams.Locale chinese(Locale locale) {
		String region = locale.getCountry();
		if ("HK".equals(region) || "MO".equals(region)) {
			return SessionCreateParams.Locale.ZH_HK;
		}
		if ("TW".equals(region) || "Hant".equals(locale.getScript())) {
			return SessionCreateParams.Locale.ZH_TW;
		}
		return SessionCreateParams.Locale.ZH;
	}

	private static Optional<SessionCreateParams.Locale> find(String tag) {
		return Arrays.stream(SessionCreateParams.Locale.values())
			.filter((locale) -> locale.getValue().equalsIgnoreCase(tag))
			.findFirst();
	}

}
