/**
 * Who the caller is and what they may do: the account context read from the JWT, the
 * portal actions, and the one decision point that enforces owner and feature rules.
 */
@NullMarked
package io.recurportal.account;

import org.jspecify.annotations.NullMarked;
