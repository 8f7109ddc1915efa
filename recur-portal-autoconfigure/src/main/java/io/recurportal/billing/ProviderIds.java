package io.recurportal.billing;

/**
 * The shape of the provider ids the portal accepts from a request (a path, a parameter or
 * a body): anything else is refused before it reaches the provider. The JSON API and the
 * pages share it, so both refuse the same ids.
 */
public final class ProviderIds {

	/**
	 * Provider ids: {@code sub_...}, {@code price_...}, {@code in_...}, {@code cs_...}; a
	 * regular expression for {@code @Pattern}.
	 */
	public static final String PATTERN = "[A-Za-z0-9_]{1,255}";

	private ProviderIds() {
	}

}
