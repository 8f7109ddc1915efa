/**
 * The one decision point: every portal endpoint declares the {@link io.recurportal.access.PortalAction}
 * it performs, and the {@link io.recurportal.access.PortalAuthorizationManager}, backed by
 * the {@link io.recurportal.access.PortalAccessPolicy}, decides for every request, from
 * its Spring Security {@code Authentication}, whether the caller's portal configuration
 * has the feature and, for actions that change billing, whether the caller is an owner.
 */
@NullMarked
package io.recurportal.access;

import org.jspecify.annotations.NullMarked;
