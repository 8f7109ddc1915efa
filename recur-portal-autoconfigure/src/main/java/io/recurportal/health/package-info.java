/**
 * Actuator health indicators: whether the billing provider answers and accepts the
 * portal's key, and whether the portal's stores can be used.
 */
@NullMarked
package io.recurportal.health;

import org.jspecify.annotations.NullMarked;
