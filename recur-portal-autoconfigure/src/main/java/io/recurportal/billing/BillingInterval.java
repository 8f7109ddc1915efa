package io.recurportal.billing;

import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * How often a recurring price bills.
 */
public enum BillingInterval {

	/** Every day. */
	DAY,

	/** Every week. */
	WEEK,

	/** Every month. */
	MONTH,

	/** Every year. */
	YEAR;

	/**
	 * The provider's wire value, {@code month} for example.
	 * @return the lower-case value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The interval for a provider's wire value.
	 * @param value {@code day}, {@code week}, {@code month} or {@code year}, any case
	 * @return the interval
	 * @throws IllegalArgumentException for any other value
	 */
	public static BillingInterval fromValue(String value) {
		return valueOf(value.trim().toUpperCase(Locale.ROOT));
	}

	/**
	 * Adds {@code count} of this interval to a time, the way calendars do (a month after
	 * 31 January is the end of February).
	 * @param time the start
	 * @param count how many intervals
	 * @return the later time
	 */
	public ZonedDateTime addTo(ZonedDateTime time, long count) {
		return switch (this) {
			case DAY -> time.plusDays(count);
			case WEEK -> time.plusWeeks(count);
			case MONTH -> time.plusMonths(count);
			case YEAR -> time.plusYears(count);
		};
	}

	/**
	 * Roughly how many of this interval make a year, used to compare prices of
	 * different intervals.
	 * @return intervals per year
	 */
	public double perYear() {
		return switch (this) {
			case DAY -> 365;
			case WEEK -> 52;
			case MONTH -> 12;
			case YEAR -> 1;
		};
	}

}
