package io.recurportal.web;

import java.util.Locale;

import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The portal's own texts in one language, kept apart from the host's
 * {@code MessageSource} so neither overrides the other.
 */
public final class PortalMessages {

	private static final ResourceBundleMessageSource source = createSource();

	private final Locale locale;

	PortalMessages(Locale locale) {
		this.locale = locale;
	}

	/**
	 * A text.
	 * @param key its key
	 * @param arguments values for its {@code {0}}, {@code {1}} placeholders
	 * @return the text in the page's language, or in English when it has none
	 */
	public String get(String key, Object... arguments) {
		return source.getMessage(key, arguments, this.locale);
	}

	/**
	 * Whether a text exists, to pick an optional one.
	 * @param key its key
	 * @return {@code true} when it does
	 */
	public boolean has(String key) {
		return source.getMessage(key, null, null, this.locale) != null;
	}

	/**
	 * The page's language tag, for the {@code lang} attribute.
	 * @return the tag, {@code zh-TW} for example
	 */
	public String languageTag() {
		return this.locale.toLanguageTag();
	}

	private static ResourceBundleMessageSource createSource() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("io/recurportal/web/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
