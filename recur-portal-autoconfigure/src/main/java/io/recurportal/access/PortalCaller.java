package io.recurportal.access;

import io.recurportal.account.AccountContext;
import io.recurportal.configuration.PortalConfiguration;

/**
 * A caller the portal has identified, with the configuration they were given.
 *
 * @param account who is calling
 * @param configuration what they may see and do
 */
public record PortalCaller(AccountContext account, PortalConfiguration configuration) {

}
