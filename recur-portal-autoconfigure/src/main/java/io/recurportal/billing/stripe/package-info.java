/**
 * The Stripe billing provider over stripe-java's {@code StripeClient}.
 */
@NullMarked
package io.recurportal.billing.stripe;

import org.jspecify.annotations.NullMarked;
