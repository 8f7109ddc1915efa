package io.recurportal.billing.sandbox;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amounts formatted by their currency's minor unit.
 */
class MoneyTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2900   | usd | $29.00
			-1450  | usd | -$14.50
			0      | usd | $0.00
			2900   | jpy | ¥2900
			2500   | EUR | €25.00
			1234   | gbp | £12.34
			1000   | chf | CHF 10.00
			12345  | kwd | KWD 12.345
			""")
	void formatThenMinorUnitsOfTheCurrency(long amount, String currency, String expected) {
		assertThat(Money.format(amount, currency)).isEqualTo(expected);
	}

}
