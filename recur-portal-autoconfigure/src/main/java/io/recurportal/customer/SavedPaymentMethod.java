package io.recurportal.customer;

import io.recurportal.billing.PaymentMethod;

/**
 * One of a customer's saved payment methods, as the portal lists it.
 *
 * @param method the payment method
 * @param isDefault whether it is the one that pays the customer's invoices
 * @param expired whether it is a card past its expiry month
 */
public record SavedPaymentMethod(PaymentMethod method, boolean isDefault, boolean expired) {

}
