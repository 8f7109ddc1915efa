/**
 * An in-memory billing provider with Stripe's behaviour, for local development and tests.
 * <p>
 * {@link io.recurportal.billing.sandbox.SandboxBillingGateway} implements the portal's
 * {@link io.recurportal.billing.BillingGateway} over a
 * {@link io.recurportal.billing.sandbox.SandboxClock} that tests move forward, starting
 * from a {@link io.recurportal.billing.sandbox.SandboxSeed}. Test cards:
 * {@code 4242 4242 4242 4242} succeeds, {@code 4000 0000 0000 0002} and
 * {@code 4000 0000 0000 9995} are declined when saved, {@code 4000 0000 0000 0341} saves
 * and then fails every charge; any other Luhn-valid number succeeds.
 */
@NullMarked
package io.recurportal.billing.sandbox;

import org.jspecify.annotations.NullMarked;
