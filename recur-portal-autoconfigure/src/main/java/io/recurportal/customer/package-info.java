/**
 * The customer's own billing details: profile, payment method, and recovering an
 * on-hold subscription with a new card.
 */
@NullMarked
package io.recurportal.customer;

import org.jspecify.annotations.NullMarked;
