/**
 * The portal's Micrometer meters: actions, provider calls, webhook events and token
 * redemptions.
 */
@NullMarked
package io.recurportal.metrics;

import org.jspecify.annotations.NullMarked;
