/**
 * The audit trail of portal actions: who did what to which account, when, and how it ended.
 */
@NullMarked
package io.recurportal.audit;

import org.jspecify.annotations.NullMarked;
