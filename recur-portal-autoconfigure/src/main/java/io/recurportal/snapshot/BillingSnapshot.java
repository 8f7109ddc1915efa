package io.recurportal.snapshot;

import java.time.Instant;

/**
 * A provider answer as stored: its JSON and when it was read.
 *
 * @param json the answer as JSON
 * @param readAt when the read that got it began
 */
public record BillingSnapshot(String json, Instant readAt) {

}
