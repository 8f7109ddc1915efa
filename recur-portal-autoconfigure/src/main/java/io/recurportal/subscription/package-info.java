/**
 * Subscriptions of an account: the local mirror, its reconciliation with the provider,
 * and the lifecycle actions owners take.
 */
@NullMarked
package io.recurportal.subscription;

import org.jspecify.annotations.NullMarked;
