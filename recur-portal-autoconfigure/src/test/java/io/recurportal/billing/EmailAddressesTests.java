package io.recurportal.billing;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmailAddresses}.
 */
class EmailAddressesTests {

	@Test
	void normalizeWhenTurkishIFormsThenThePlainAddress() {
		assertThat(EmailAddresses.normalize("alİce@example.com")).isEqualTo("alice@example.com");
		assertThat(EmailAddresses.normalize("alıce@example.com")).isEqualTo("alice@example.com");
		assertThat(EmailAddresses.normalize("ALICE@EXAMPLE.COM")).isEqualTo("alice@example.com");
	}

	@Test
	void normalizeThenTrimmedAndCompatibilityFormsComposed() {
		assertThat(EmailAddresses.normalize("  alice@example.com\t")).isEqualTo("alice@example.com");
		assertThat(EmailAddresses.normalize("\uFF41lice@example.com")).as("full-width a").isEqualTo("alice@example.com");
		assertThat(EmailAddresses.normalize("\u212Aate@example.com")).as("Kelvin sign").isEqualTo("kate@example.com");
	}

	@Test
	void fitsMeasuresTheNormalForm() {
		assertThat(EmailAddresses.fits("alice@example.com")).isTrue();
		String expanding = "a" + "\uFDFA".repeat(23) + "@example.com";
		assertThat(expanding.length()).isLessThan(EmailAddresses.MAX_LENGTH);
		assertThat(EmailAddresses.fits(expanding)).isFalse();
	}

	@Test
	void normalizeDoesNotDependOnTheDefaultLocale() {
		Locale saved = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag("tr-TR"));
		try {
			assertThat(EmailAddresses.normalize("ALICE@EXAMPLE.COM")).isEqualTo("alice@example.com");
		}
		finally {
			Locale.setDefault(saved);
		}
	}

	@Test
	void sameWhenEveryFormEqualsIgnoreCaseMatchesThenSame() {
		for (String form : new String[] { "alİce@example.com", "alıce@example.com", "Alice@Example.com" }) {
			assertThat(form.equalsIgnoreCase("alice@example.com")).as("equalsIgnoreCase matches %s", form).isTrue();
			assertThat(EmailAddresses.same(form, "alice@example.com")).as(form).isTrue();
		}
		assertThat(EmailAddresses.same("alice@example.com", "alicia@example.com")).isFalse();
		assertThat(EmailAddresses.same(null, "alice@example.com")).isFalse();
	}

}
