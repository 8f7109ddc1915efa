package io.recurportal.billing;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a provider answered when asked whether the portal can use it: whether it can be
 * reached and accepts the gateway's credentials. See
 * {@link BillingGateway#checkConnection()}.
 *
 * @param state what the check found
 * @param message a short explanation for operators, or {@code null} when available; never
 * a key, and never the provider's own error text, which may name one
 */
public record ProviderStatus(State state, @Nullable String message) {

	public ProviderStatus {
		Assert.notNull(state, "'state' must not be null");
	}

	/**
	 * The provider answered and accepted the credentials.
	 * @return the status
	 */
	public static ProviderStatus available() {
		return new ProviderStatus(State.AVAILABLE, null);
	}

	/**
	 * The check could not tell, or the gateway offers no check.
	 * @param message why
	 * @return the status
	 */
	public static ProviderStatus unknown(String message) {
		return new ProviderStatus(State.UNKNOWN, message);
	}

	/**
	 * What the check found.
	 */
	public enum State {

		/** The provider answered and accepted the credentials. */
		AVAILABLE,

		/** The provider refused the credentials: a wrong, revoked or expired key. */
		INVALID_API_KEY,

		/** The key is valid but may not do what the portal needs (a restricted key). */
		INSUFFICIENT_PERMISSIONS,

		/** The provider could not be reached, or did not answer in time. */
		UNREACHABLE,

		/** The provider is limiting requests; whether the key is valid is not known. */
		RATE_LIMITED,

		/** The provider failed, or answered something unexpected. */
		PROVIDER_ERROR,

		/** The gateway could not tell. */
		UNKNOWN;

		/**
		 * The state as a stable snake_case code, such as {@code invalid_api_key}.
		 * @return the code
		 */
		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
