/**
 * Auto-configuration of the sandbox provider: its gateway, capabilities and events.
 */
@NullMarked
package io.recurportal.billing.sandbox.autoconfigure;

import org.jspecify.annotations.NullMarked;
