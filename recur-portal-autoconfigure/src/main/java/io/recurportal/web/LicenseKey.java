package io.recurportal.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A license key a customer sees in the portal.
 *
 * @param product what the key unlocks
 * @param key the key itself
 * @param status {@code active}, {@code expired}, {@code revoked}, ... as the host names it
 * @param activations how many activations are used, if the host counts them
 * @param activationLimit how many are allowed, if limited
 * @param expiresAt when the key expires, if it does
 */
public record LicenseKey(String product, String key, String status, @Nullable Integer activations,
		@Nullable Integer activationLimit, @Nullable Instant expiresAt) {

}
