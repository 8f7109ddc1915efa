package io.recurportal.billing.stripe;

import com.stripe.exception.StripeException;

/**
 * One call to Stripe, run by {@link StripeErrorTranslator} so that its failures are
 * translated in one place.
 *
 * @param <T> what the call answers
 */
@FunctionalInterface
interface StripeCall<T> {

	T call() throws StripeException;

}
