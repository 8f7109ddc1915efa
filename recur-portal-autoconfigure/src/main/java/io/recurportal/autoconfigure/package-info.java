/**
 * Auto-configuration of the recur-portal starter and its {@code recur.portal.*} properties.
 */
@NullMarked
package io.recurportal.autoconfigure;

import org.jspecify.annotations.NullMarked;
