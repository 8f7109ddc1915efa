package io.recurportal.billing.stripe;

import com.stripe.param.billingportal.SessionCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StripePortalLocales}.
 */
class StripePortalLocalesTests {

	@ParameterizedTest
	@CsvSource({ "en, en", "en-US, en", "en-GB, en-GB", "zh-TW, zh-TW", "zh_TW, zh-TW", "zh-Hant, zh-TW",
			"zh-HK, zh-HK", "zh-CN, zh", "zh-Hans-CN, zh", "zh, zh", "ja, ja", "ja-JP, ja", "th, th", "th-TH, th",
			"pt-BR, pt-BR", "fr-CA, fr-CA", "es-419, es-419", "tlh, auto", "'', ''" })
	void ofThenStripesLocale(String tag, String stripeLocale) {
		SessionCreateParams.Locale locale = StripePortalLocales.of(tag);

		if (stripeLocale.isEmpty()) {
			assertThat(locale).isNull();
		}
		else {
			assertThat(locale).isNotNull().extracting(SessionCreateParams.Locale::getValue).isEqualTo(stripeLocale);
		}
	}

	@Test
	void ofWhenNoTagThenNoneSoStripeChooses() {
		assertThat(StripePortalLocales.of(null)).isNull();
		assertThat(StripePortalLocales.of("  ")).isNull();
	}

	@Test
	void ofWhenNotATagThenAuto() {
		assertThat(StripePortalLocales.of("--")).isEqualTo(SessionCreateParams.Locale.AUTO);
	}

}
