package io.recurportal.billing;

import org.jspecify.annotations.Nullable;

/**
 * Which provider a gateway talks to.
 *
 * @param name {@code stripe} or {@code sandbox}
 * @param publishableKey the key browsers may use with the provider's JavaScript, if any
 * @param liveMode whether real money moves
 */
public record ProviderInfo(String name, @Nullable String publishableKey, boolean liveMode) {

}
