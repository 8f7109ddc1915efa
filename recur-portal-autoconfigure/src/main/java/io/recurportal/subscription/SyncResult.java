package io.recurportal.subscription;

/**
 * What a reconciliation of the mirror with the provider changed.
 *
 * @param created subscriptions the mirror did not have
 * @param updated subscriptions whose state changed
 * @param deleted subscriptions removed because the provider no longer has them
 * @param unchanged subscriptions already up to date
 */
public record SyncResult(int created, int updated, int deleted, int unchanged) {

}
