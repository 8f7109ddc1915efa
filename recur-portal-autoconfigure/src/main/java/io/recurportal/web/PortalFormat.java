package io.recurportal.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Formats amounts and dates for a page in its language. Amounts come in the currency's
 * minor unit; dates are shown in UTC, the provider's billing clock.
 */
public final class PortalFormat {

	// Stripe's " after 6 Dec 2026" (the sandbox writes the same), at the end of a proration line.
	private static final Pattern PROVIDER_DATE_SUFFIX = Pattern
		.compile("\\s+after\\s+\\d{1,2}\\s+[A-Za-z]{3}\\s+\\d{4}\\s*$");

	private final Locale locale;

	private final DateTimeFormatter dates;

	private final DateTimeFormatter times;

	PortalFormat(Locale locale) {
		this.locale = locale;
		this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC);
		this.times = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(ZoneOffset.UTC);
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

	/**
	 * A line item's description without the date the provider wrote into it in its own
	 * format ({@code Remaining time on Pro after 6 Dec 2026}): the page shows the line's
	 * period in the portal's date format instead.
	 * @param description the provider's description
	 * @return the description to show
	 */
	public String lineDescription(String description) {
		return PROVIDER_DATE_SUFFIX.matcher(description).replaceFirst("");
	}

	/**
	 * A date and the time of day in UTC, in the same date format as {@link #date}.
	 * @param instant the time, or {@code null}
	 * @return the formatted date and time, or an empty string
	 */
	public String dateTime(@Nullable Instant instant) {
		return (instant != null) ? this.dates.format(instant) + ", " + this.times.format(instant) + " UTC" : "";
	}

}
