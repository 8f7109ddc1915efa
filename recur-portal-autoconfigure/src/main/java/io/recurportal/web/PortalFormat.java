package io.recurportal.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Formats amounts and dates for a page in its language. Amounts come in the currency's
 * minor unit; dates are shown in UTC, the provider's billing clock.
 */
public final class PortalFormat {

	private final Locale locale;

	private final DateTimeFormatter dates;

	PortalFormat(Locale locale) {
		this.locale = locale;
		this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC);
	}

	/**
	 * An amount, {@code $29.00} or {@code US$29.00} depending on the language.
	 * @param minorUnits the amount in the currency's minor unit
	 * @param currency the ISO 4217 code, any case
	 * @return the formatted amount
	 */
	public String money(long minorUnits, String currency) {
		Currency code = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
		NumberFormat format = NumberFormat.getCurrencyInstance(this.locale);
		format.setCurrency(code);
		int digits = Math.max(0, code.getDefaultFractionDigits());
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		return format.format(BigDecimal.valueOf(minorUnits).movePointLeft(digits));
	}

	/**
	 * A date.
	 * @param instant the time, or {@code null}
	 * @return the formatted date, or an empty string
	 */
	public String date(@Nullable Instant instant) {
		return (instant != null) ? this.dates.format(instant) : "";
	}

}
