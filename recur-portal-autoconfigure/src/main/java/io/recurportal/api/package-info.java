/**
 * The portal's JSON API for the JWT caller's account.
 */
@NullMarked
package io.recurportal.api;

import org.jspecify.annotations.NullMarked;
