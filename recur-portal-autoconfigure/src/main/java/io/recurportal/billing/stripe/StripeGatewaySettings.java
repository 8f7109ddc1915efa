package io.recurportal.billing.stripe;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What {@link StripeBillingGateway} needs besides the {@code StripeClient}. It never
 * holds the secret key: only whether it is a live one.
 *
 * @param publishableKey the publishable key ({@code pk_...}) handed to browsers, if any
 * @param liveMode whether the secret key moves real money
 * @param connectTimeout timeout for connecting when downloading invoice PDFs
 * @param readTimeout deadline for an invoice PDF's whole download, redirect and body included
 */
public record StripeGatewaySettings(@Nullable String publishableKey, boolean liveMode, Duration connectTimeout,
		Duration readTimeout) {

	public StripeGatewaySettings {
		Assert.notNull(connectTimeout, "'connectTimeout' must not be null");
		Assert.notNull(readTimeout, "'readTimeout' must not be null");
	}

	/**
	 * Settings for a secret key, telling live mode from the key's prefix.
	 * @param secretKey the secret ({@code sk_...}) or restricted ({@code rk_...}) key
	 * @param publishableKey the publishable key, if any
	 * @param connectTimeout timeout for connecting
	 * @param readTimeout timeout for reading
	 * @return the settings
	 */
	public static StripeGatewaySettings forSecretKey(String secretKey, @Nullable String publishableKey,
			Duration connectTimeout, Duration readTimeout) {
		return new StripeGatewaySettings(publishableKey, isLiveKey(secretKey), connectTimeout, readTimeout);
	}

	/**
	 * Whether a secret or restricted key is a live-mode key.
	 * @param secretKey the key
	 * @return {@code true} for {@code sk_live_...} and {@code rk_live_...}
	 */
	public static boolean isLiveKey(String secretKey) {
		return secretKey.startsWith("sk_live_") || secretKey.startsWith("rk_live_");
	}

}
