/**
 * The customer's own billing details: profile, payment method, and recovering an
 * on-hold subscription with a new card; and finding an account's customer at the
 * provider ({@link io.recurportal.customer.BillingAccountCustomerResolver}), which needs
 * both {@code account} and {@code billing} and so sits above them.
 */
@NullMarked
package io.recurportal.customer;

import org.jspecify.annotations.NullMarked;
