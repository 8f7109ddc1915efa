/**
 * Signing in to the portal by email: the static {@code /portal/login} link sends a
 * one-time login link to a customer's billing email, with rate limits per email and per
 * client address.
 */
@NullMarked
package io.recurportal.login;

import org.jspecify.annotations.NullMarked;
