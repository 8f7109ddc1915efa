package io.recurportal.customer;

import java.util.List;

import io.recurportal.billing.Invoice;
import io.recurportal.billing.Subscription;

/**
 * What an on-hold subscription owes.
 *
 * @param subscription the subscription
 * @param invoices its open invoices, oldest first
 * @param amount what they still owe together, in minor units
 * @param currency their currency
 */
public record AmountDue(Subscription subscription, List<Invoice> invoices, long amount, String currency) {

	public AmountDue {
		invoices = List.copyOf(invoices);
	}

}
