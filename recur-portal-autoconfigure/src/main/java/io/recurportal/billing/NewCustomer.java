package io.recurportal.billing;

import org.jspecify.annotations.Nullable;

/**
 * A customer to create for an account that has none yet.
 *
 * @param externalId the host's account id
 * @param email the billing email
 * @param name the billing name
 */
public record NewCustomer(String externalId, @Nullable String email, @Nullable String name) {

}
