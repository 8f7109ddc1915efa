/**
 * Portal sessions and the links into them, and where they may lead back to.
 */
@NullMarked
package io.recurportal.session;

import org.jspecify.annotations.NullMarked;
