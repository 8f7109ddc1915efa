/**
 * The provider-neutral processing of provider events: each
 * {@link io.recurportal.billing.BillingEvent} a provider's event source delivers (Stripe's
 * webhook, the sandbox's events) is processed once to keep the subscription mirror true
 * and to tell the host through Spring application events.
 */
@NullMarked
package io.recurportal.webhook;

import org.jspecify.annotations.NullMarked;
