/**
 * Who the caller of the account API is: the JWT becomes an
 * {@link io.recurportal.account.AccountAuthenticationToken} carrying the
 * {@link io.recurportal.account.AccountContext}, and the account's customer is found
 * through the {@link io.recurportal.account.AccountCustomerResolver}.
 */
@NullMarked
package io.recurportal.account;

import org.jspecify.annotations.NullMarked;
