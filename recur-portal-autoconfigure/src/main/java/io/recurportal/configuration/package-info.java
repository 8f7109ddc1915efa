/**
 * Portal configurations: named sets of features and options, and the mapping from a
 * caller's roles to one of them.
 */
@NullMarked
package io.recurportal.configuration;

import org.jspecify.annotations.NullMarked;
