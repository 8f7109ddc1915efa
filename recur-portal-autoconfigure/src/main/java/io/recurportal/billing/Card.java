package io.recurportal.billing;

/**
 * What a portal may show of a card: never its number.
 *
 * @param brand {@code visa}, {@code mastercard}, {@code amex}, ...
 * @param last4 the last four digits
 * @param expMonth the expiry month, 1 to 12
 * @param expYear the four-digit expiry year
 */
public record Card(String brand, String last4, int expMonth, int expYear) {

}
