/**
 * Billing emails to the customer: when the provider reports a billing change (a
 * subscription reactivated, a payment failed, a payment method added, a subscription
 * cancelled or set to cancel, a plan changed), the customer's billing email gets a
 * branded message in their language, once per provider event and kind.
 */
@NullMarked
package io.recurportal.email;

import org.jspecify.annotations.NullMarked;
