package io.recurportal.billing;

import org.jspecify.annotations.Nullable;

/**
 * The profile fields a customer edits in the portal. The update replaces all of them:
 * a {@code null} clears the field.
 *
 * @param name the billing name
 * @param email the billing email
 * @param phone the phone number
 * @param address the billing address
 * @param taxId the tax id shown on invoices
 */
public record CustomerProfileUpdate(@Nullable String name, @Nullable String email, @Nullable String phone,
		@Nullable Address address, @Nullable String taxId) {

}
