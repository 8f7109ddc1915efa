/**
 * What the provider last answered about an account besides its subscriptions (the
 * customer with its default card, the invoice history), kept so a portal view does not
 * ask again; forgotten when the account changes.
 */
@NullMarked
package io.recurportal.snapshot;

import org.jspecify.annotations.NullMarked;
