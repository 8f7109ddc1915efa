package io.recurportal.web;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.Address;
import io.recurportal.billing.Customer;

/**
 * The billing profile form as the customer sees it: the stored values, or after a refused
 * submission what the customer typed, so nothing typed is lost.
 * <p>
 * The tax ID's type is one of Stripe's tax ID types. It is kept with the number in the
 * customer's one tax ID text ({@code "eu_vat DE123456789"}), which Stripe keeps in the
 * customer's metadata: a Stripe {@code tax_id} object would need a check per country.
 */
record ProfileForm(@Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String line1,
		@Nullable String line2, @Nullable String city, @Nullable String state, @Nullable String postalCode,
		@Nullable String country, @Nullable String taxIdType, @Nullable String taxId) {

	/** Stripe's tax ID types offered, for the portal's languages' countries and the most common others. */
	static final List<String> TAX_ID_TYPES = List.of("eu_vat", "gb_vat", "ch_vat", "no_vat", "us_ein", "ca_bn",
			"au_abn", "jp_cn", "jp_trn", "cn_tin", "tw_vat", "th_vat", "sg_gst", "in_gst", "kr_brn");

	static ProfileForm of(Customer customer) {
		Address address = customer.address();
		String stored = customer.taxId();
		String type = null;
		String number = stored;
		if (stored != null) {
			int space = stored.indexOf(' ');
			if (space > 0 && TAX_ID_TYPES.contains(stored.substring(0, space))) {
				type = stored.substring(0, space);
				number = stored.substring(space + 1);
			}
		}
		return new ProfileForm(customer.name(), customer.email(), customer.phone(),
				(address != null) ? address.line1() : null, (address != null) ? address.line2() : null,
				(address != null) ? address.city() : null, (address != null) ? address.state() : null,
				(address != null) ? address.postalCode() : null,
				(address != null && address.country() != null) ? address.country().toUpperCase(Locale.ROOT) : null,
				type, number);
	}

	/**
	 * The tax ID as stored: the type, a space and the number, or the number alone.
	 * @param type the checked type, or {@code null}
	 * @param number the cleaned number, or {@code null}
	 * @return the text to store, or {@code null} for none
	 */
	static @Nullable String storedTaxId(@Nullable String type, @Nullable String number) {
		if (number == null) {
			return null;
		}
		return (type != null) ? type + " " + number : number;
	}

	/**
	 * The upper-case country code as the form shows it, so a submitted {@code th} selects Thailand.
	 * @return the code or {@code null}
	 */
	public @Nullable String countryCode() {
		return (this.country != null) ? this.country.strip().toUpperCase(Locale.ROOT) : null;
	}

	/**
	 * Every ISO 3166-1 country, named and sorted in the page's language.
	 * @param locale the page's locale
	 * @return the choices
	 */
	static List<Choice> countries(Locale locale) {
		Collator collator = Collator.getInstance(locale);
		return java.util.Arrays.stream(Locale.getISOCountries())
			.map((code) -> new Choice(code, new Locale("", code).getDisplayCountry(locale)))
			.sorted(Comparator.comparing(Choice::label, collator))
			.toList();
	}

	/**
	 * Stripe's tax ID types, labelled by their code (as on invoices: {@code EU VAT}).
	 * @return the choices
	 */
	static List<Choice> taxIdTypes() {
		return TAX_ID_TYPES.stream()
			.map((type) -> new Choice(type, type.toUpperCase(Locale.ROOT).replace('_', ' ')))
			.toList();
	}

	/**
	 * One option of a list.
	 * @param value what the form sends
	 * @param label what the customer reads
	 */
	record Choice(String value, String label) {

	}

}
