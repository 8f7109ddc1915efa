package io.recurportal.api;

/**
 * The shape of client idempotency keys the API accepts; anything else is refused before
 * it reaches the provider. Provider ids are {@link io.recurportal.billing.ProviderIds}.
 */
final class ApiIds {

	/** Client idempotency keys: printable ASCII without spaces, at most 255 characters. */
	static final String IDEMPOTENCY_KEY_PATTERN = "[\\x21-\\x7E]{1,255}";

	/** The header a client may send to make a mutation safe to retry. */
	static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

	private ApiIds() {
	}

}
