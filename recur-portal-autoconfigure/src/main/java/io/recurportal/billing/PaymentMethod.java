package io.recurportal.billing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A saved payment method of a customer.
 *
 * @param id the provider's id ({@code pm_...})
 * @param customerId the customer it is attached to
 * @param type the provider's type, {@code card} for example
 * @param card the card's details when it is a card
 * @param created when it was saved
 */
public record PaymentMethod(String id, String customerId, String type, @Nullable Card card, Instant created) {

}
