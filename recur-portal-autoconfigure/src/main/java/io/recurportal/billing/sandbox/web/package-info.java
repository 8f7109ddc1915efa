/**
 * The sandbox provider's own page in the portal: its checkout.
 */
@NullMarked
package io.recurportal.billing.sandbox.web;

import org.jspecify.annotations.NullMarked;
