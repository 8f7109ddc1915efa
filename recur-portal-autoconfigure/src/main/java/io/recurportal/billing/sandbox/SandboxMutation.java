package io.recurportal.billing.sandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A change the sandbox made because a caller asked for it, for tests and hosts to see
 * what the provider did: an idempotent retry adds none.
 *
 * @param operation what was done, {@code subscription.cancel} for example
 * @param objectId the object it was done to or created
 * @param idempotencyKey the key it was asked with, if any
 * @param at when, on the sandbox clock
 */
public record SandboxMutation(String operation, String objectId, @Nullable String idempotencyKey, Instant at) {

}
