/**
 * The provider calls background work may make per second, shared by every instance, so
 * the portal's own refreshes never spend the rate limit its users' actions need.
 */
@NullMarked
package io.recurportal.billing.budget;

import org.jspecify.annotations.NullMarked;
