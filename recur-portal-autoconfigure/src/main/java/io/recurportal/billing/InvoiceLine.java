package io.recurportal.billing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of an invoice.
 *
 * @param description what the line is for
 * @param amount the amount in minor units; negative for credits
 * @param quantity how many
 * @param priceId the price the line bills, when it bills one
 * @param proration whether the line is a proration of a plan change
 * @param periodStart start of the period the line covers
 * @param periodEnd end of the period the line covers
 */
public record InvoiceLine(String description, long amount, int quantity, @Nullable String priceId, boolean proration,
		Instant periodStart, Instant periodEnd) {

}
