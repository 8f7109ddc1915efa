package io.recurportal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ChoiceFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every translation of the portal's texts has the English keys, no English left in it,
 * and the same MessageFormat arguments, so no page shows a raw key, an English phrase
 * or a broken {@code {0}}.
 */
class PortalMessagesTranslationTests {

	private static final String BASENAME = "io/recurportal/web/messages";

	private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*(\\d+)");

	private static final Properties english = load(BASENAME + ".properties");

	static Stream<Locale> translations() {
		return Stream.of(Locale.TRADITIONAL_CHINESE, Locale.SIMPLIFIED_CHINESE, Locale.JAPANESE,
				Locale.forLanguageTag("th"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void hasExactlyTheEnglishKeys(Locale locale) {
		assertThat(translation(locale).stringPropertyNames())
			.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void hasNoBlankValue(Locale locale) {
		Properties translation = translation(locale);
		SoftAssertions softly = new SoftAssertions();
		for (String key : translation.stringPropertyNames()) {
			softly.assertThat(translation.getProperty(key)).as(key).isNotBlank();
		}
		softly.assertAll();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void translatesEveryTextButTheLanguageNames(Locale locale) {
		Properties translation = translation(locale);
		SoftAssertions softly = new SoftAssertions();
		for (String key : english.stringPropertyNames()) {
			String value = translation.getProperty(key);
			if (key.startsWith("language.")) {
				softly.assertThat(value).as("%s is shown in its own language", key).isEqualTo(english.getProperty(key));
			}
			else {
				softly.assertThat(value).as("%s is translated", key).isNotEqualTo(english.getProperty(key));
			}
		}
		softly.assertAll();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void usesTheEnglishArguments(Locale locale) {
		Properties translation = translation(locale);
		SoftAssertions softly = new SoftAssertions();
		for (String key : english.stringPropertyNames()) {
			String source = english.getProperty(key);
			String value = translation.getProperty(key, "");
			softly.assertThat(arguments(value)).as("arguments of %s", key).isEqualTo(arguments(source));
			if (!arguments(source).isEmpty()) {
				softly.assertThat(formatTypes(value, locale))
					.as("argument formats of %s", key)
					.isEqualTo(formatTypes(source, Locale.ENGLISH));
				softly.assertThat(choices(value, locale))
					.as("choices of %s", key)
					.isEqualTo(choices(source, Locale.ENGLISH));
			}
		}
		softly.assertAll();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void formatsWithSampleArguments(Locale locale) {
		Properties translation = translation(locale);
		SoftAssertions softly = new SoftAssertions();
		for (String key : english.stringPropertyNames()) {
			String source = english.getProperty(key);
			if (arguments(source).isEmpty()) {
				continue;
			}
			String value = translation.getProperty(key, "");
			for (int count : new int[] { 1, 3 }) {
				Object[] samples = samples(source, count);
				softly.assertThatCode(() -> {
					String formatted = new MessageFormat(value, locale).format(samples);
					assertThat(formatted).doesNotContain("{", "}");
					for (Object sample : samples) {
						if (sample instanceof String text) {
							assertThat(formatted).contains(text);
						}
					}
				}).as("%s formatted with %s", key, List.of(samples)).doesNotThrowAnyException();
			}
		}
		softly.assertAll();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void isPlainUtf8WithoutApostrophes(Locale locale) throws IOException {
		String text = decodeStrictly(read(fileName(locale)));
		assertThat(text).as("characters written directly, not escaped").doesNotContain("\\u");
		Properties translation = translation(locale);
		SoftAssertions softly = new SoftAssertions();
		for (String key : translation.stringPropertyNames()) {
			softly.assertThat(translation.getProperty(key))
				.as("%s: a plain apostrophe quotes text in MessageFormat", key)
				.doesNotContain("'");
		}
		softly.assertAll();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("translations")
	void messageSourceResolvesTheLanguageFile(Locale locale) {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename(BASENAME);
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		Properties translation = translation(locale);
		assertThat(source.getMessage("overview.title", null, locale))
			.isEqualTo(translation.getProperty("overview.title"))
			.isNotEqualTo(english.getProperty("overview.title"));
		Object[] price = { "US$29.00", 3 };
		assertThat(source.getMessage("price.per.month", price, locale))
			.isEqualTo(new MessageFormat(translation.getProperty("price.per.month"), locale).format(price));
	}

	private static Properties translation(Locale locale) {
		return load(fileName(locale));
	}

	private static String fileName(Locale locale) {
		return BASENAME + "_" + locale + ".properties";
	}

	private static Properties load(String resource) {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(open(resource), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException(resource, ex);
		}
		return properties;
	}

	private static byte[] read(String resource) throws IOException {
		try (InputStream in = open(resource)) {
			return in.readAllBytes();
		}
	}

	private static InputStream open(String resource) {
		return Objects.requireNonNull(PortalMessagesTranslationTests.class.getClassLoader().getResourceAsStream(resource),
				() -> resource + " is missing");
	}

	private static String decodeStrictly(byte[] bytes) throws CharacterCodingException {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes))
			.toString();
	}

	/**
	 * The argument numbers a pattern uses, those inside choice formats included.
	 */
	private static Set<Integer> arguments(String pattern) {
		Set<Integer> numbers = new TreeSet<>();
		Matcher matcher = ARGUMENT.matcher(pattern);
		while (matcher.find()) {
			numbers.add(Integer.valueOf(matcher.group(1)));
		}
		return numbers;
	}

	/**
	 * The kind of format each top-level argument has: plain, number or choice.
	 */
	private static List<String> formatTypes(String pattern, Locale locale) {
		List<String> types = new ArrayList<>();
		try {
			for (Format format : new MessageFormat(pattern, locale).getFormatsByArgumentIndex()) {
				types.add((format != null) ? format.getClass().getSimpleName() : "plain");
			}
		}
		catch (IllegalArgumentException ex) {
			types.add("invalid: " + ex.getMessage());
		}
		return types;
	}

	/**
	 * Each choice of each choice format, as its limit and the arguments it uses, so a
	 * plural that drops its count shows.
	 */
	private static List<String> choices(String pattern, Locale locale) {
		List<String> choices = new ArrayList<>();
		try {
			for (Format format : new MessageFormat(pattern, locale).getFormatsByArgumentIndex()) {
				if (format instanceof ChoiceFormat choice) {
					for (int i = 0; i < choice.getLimits().length; i++) {
						choices.add(choice.getLimits()[i] + " " + arguments(String.valueOf(choice.getFormats()[i])));
					}
				}
			}
		}
		catch (IllegalArgumentException ex) {
			choices.add("invalid: " + ex.getMessage());
		}
		return choices;
	}

	/**
	 * Sample arguments for an English pattern: an Integer where it formats a number or a
	 * choice (a {@code ChoiceFormat} is a {@code NumberFormat}), a String elsewhere.
	 */
	private static Object[] samples(String englishPattern, int count) {
		Format[] formats = new MessageFormat(englishPattern, Locale.ENGLISH).getFormatsByArgumentIndex();
		Object[] samples = new Object[formats.length];
		for (int i = 0; i < formats.length; i++) {
			samples[i] = (formats[i] instanceof NumberFormat) ? count : "arg" + i;
		}
		return samples;
	}

}
