package io.recurportal.api;

/**
 * The shape of provider ids and client idempotency keys the API accepts; anything else
 * is refused before it reaches the provider.
 */
final class ApiIds {

	/** Provider ids: {@code sub_...}, {@code price_...}, {@code in_...}, {@code cs_...}. */
	static final String ID_PATTERN = "[A-Za-z0-9_]{1,255}";

	/** Client idempotency keys: printable ASCII without spaces, at most 255 characters. */
	static final String IDEMPOTENCY_KEY_PATTERN = "[\\x21-\\x7E]{1,255}";

	/** The header a client may send to make a mutation safe to retry. */
	static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

	private ApiIds() {
	}

}
