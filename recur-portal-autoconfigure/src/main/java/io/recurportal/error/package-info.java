/**
 * The portal's one error vocabulary: stable codes, the exception that carries them, and
 * the two shapes they are answered in (problem details; Recur's error envelope on the
 * server API). It uses no other portal package, so every layer may answer with it.
 */
@NullMarked
package io.recurportal.error;

import org.jspecify.annotations.NullMarked;
