/**
 * Stripe's inbound events: the signed webhook endpoint, which verifies each delivery
 * and turns Stripe's event into a provider-neutral
 * {@link io.recurportal.billing.BillingEvent} for the portal's processing.
 */
@NullMarked
package io.recurportal.billing.stripe.webhook;

import org.jspecify.annotations.NullMarked;
