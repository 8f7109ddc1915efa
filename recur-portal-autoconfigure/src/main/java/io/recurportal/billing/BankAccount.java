package io.recurportal.billing;

import org.jspecify.annotations.Nullable;

/**
 * What a portal may show of a bank account a debit payment method draws on (SEPA
 * Direct Debit, ACH, Bacs, BECS): never its number.
 *
 * @param bankName the bank's name, when the provider knows it (Stripe names the bank of
 * a US account, not of a SEPA one)
 * @param last4 the last four digits of the account number or IBAN
 */
public record BankAccount(@Nullable String bankName, String last4) {

}
