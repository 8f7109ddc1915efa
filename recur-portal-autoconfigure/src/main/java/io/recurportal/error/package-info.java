/**
 * The portal's one error vocabulary: stable codes and the exception that carries them.
 */
@NullMarked
package io.recurportal.error;

import org.jspecify.annotations.NullMarked;
