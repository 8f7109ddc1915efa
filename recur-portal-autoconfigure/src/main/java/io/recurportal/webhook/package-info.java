/**
 * Provider notifications: Stripe's webhook endpoint and the sandbox's events, each
 * processed once to keep the subscription mirror true and to tell the host through
 * Spring application events.
 */
@NullMarked
package io.recurportal.webhook;

import org.jspecify.annotations.NullMarked;
