package io.recurportal.billing;

import org.jspecify.annotations.Nullable;

/**
 * A postal address, as a billing provider stores it.
 *
 * @param line1 the street line
 * @param line2 the apartment, suite or building
 * @param city the city or town
 * @param state the state, province or prefecture
 * @param postalCode the postal code
 * @param country the ISO 3166-1 alpha-2 country code
 */
public record Address(@Nullable String line1, @Nullable String line2, @Nullable String city, @Nullable String state,
		@Nullable String postalCode, @Nullable String country) {

	/**
	 * Whether no field of the address is set.
	 * @return {@code true} when the address is blank
	 */
	public boolean isEmpty() {
		return isBlank(this.line1) && isBlank(this.line2) && isBlank(this.city) && isBlank(this.state)
				&& isBlank(this.postalCode) && isBlank(this.country);
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
