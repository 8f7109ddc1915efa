/**
 * Auto-configuration of the stripe provider: its gateway, capabilities and events.
 */
@NullMarked
package io.recurportal.billing.stripe.autoconfigure;

import org.jspecify.annotations.NullMarked;
