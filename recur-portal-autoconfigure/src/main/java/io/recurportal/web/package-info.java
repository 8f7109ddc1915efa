/**
 * The hosted portal pages under {@code /portal}: server-rendered, usable without
 * JavaScript, in five languages.
 */
@NullMarked
package io.recurportal.web;

import org.jspecify.annotations.NullMarked;
