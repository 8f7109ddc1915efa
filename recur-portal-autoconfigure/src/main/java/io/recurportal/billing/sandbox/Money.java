package io.recurportal.billing.sandbox;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/**
 * Formats amounts held in a currency's minor unit ({@code 2900} usd is {@code $29.00},
 * {@code 2900} jpy is {@code ¥2900}).
 */
final class Money {

	private Money() {
	}

	/**
	 * An amount with its currency symbol, or code when the symbol is not plain text the
	 * PDF's standard fonts can draw.
	 * @param minorUnits the amount in the currency's minor unit
	 * @param currencyCode the ISO 4217 code, any case
	 * @return the formatted amount, {@code -$14.50} for example
	 */
	static String format(long minorUnits, String currencyCode) {
		Currency currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
		int digits = Math.max(0, currency.getDefaultFractionDigits());
		String number = BigDecimal.valueOf(Math.abs(minorUnits)).movePointLeft(digits).setScale(digits).toPlainString();
		String sign = (minorUnits < 0) ? "-" : "";
		String symbol = currency.getSymbol(Locale.US);
		if (!symbol.equals(currency.getCurrencyCode()) && isDrawable(symbol)) {
			return sign + symbol + number;
		}
		return sign + currency.getCurrencyCode() + " " + number;
	}

	private static boolean isDrawable(String symbol) {
		// ASCII plus the symbols in the WinAnsi encoding of the PDF base fonts.
		return symbol.chars().allMatch((c) -> (c >= 0x20 && c < 0x7f) || c == '€' || c == '£' || c == '¥');
	}

}
