/**
 * The server API for a host's backend, wire-compatible with Recur's: portal sessions and
 * entitlements, authenticated by a portal secret key, errors in Recur's envelope.
 */
@NullMarked
package io.recurportal.server;

import org.jspecify.annotations.NullMarked;
