/**
 * Logging defaults that keep secrets out of framework logs.
 */
@NullMarked
package io.recurportal.logging;

import org.jspecify.annotations.NullMarked;
