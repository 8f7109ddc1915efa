/**
 * An in-memory billing provider with Stripe's behaviour, for local development and tests.
 */
@NullMarked
package io.recurportal.billing.sandbox;

import org.jspecify.annotations.NullMarked;
