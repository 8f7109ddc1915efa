package io.recurportal.webhook;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A provider event as the portal processes it, whoever sent it: Stripe's webhook or the
 * sandbox. It names what changed; the current state is read from the provider.
 *
 * @param id the provider's event id ({@code evt_...}), unique per event
 * @param type the event type in Stripe's names, {@code invoice.paid} for example
 * @param created when the provider created the event; later events carry newer state
 * @param customerId the customer concerned, if the event names one
 * @param subscriptionId the subscription concerned, if any
 * @param invoiceId the invoice concerned, if any
 * @param accountId the host account, when the event's object carries it in its
 * {@code recur_account_id} metadata; otherwise it is looked up from the customer
 */
public record WebhookEvent(String id, String type, Instant created, @Nullable String customerId,
		@Nullable String subscriptionId, @Nullable String invoiceId, @Nullable String accountId) {

	/** A subscription was created. */
	public static final String SUBSCRIPTION_CREATED = "customer.subscription.created";

	/** A subscription changed. */
	public static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";

	/** A subscription ended. */
	public static final String SUBSCRIPTION_DELETED = "customer.subscription.deleted";

	/** A subscription's collection was paused. */
	public static final String SUBSCRIPTION_PAUSED = "customer.subscription.paused";

	/** A paused subscription resumed. */
	public static final String SUBSCRIPTION_RESUMED = "customer.subscription.resumed";

	/** An invoice was paid. */
	public static final String INVOICE_PAID = "invoice.paid";

	/** Charging an invoice failed. */
	public static final String INVOICE_PAYMENT_FAILED = "invoice.payment_failed";

	/** An invoice was finalized and can be paid. */
	public static final String INVOICE_FINALIZED = "invoice.finalized";

	/** A customer's profile or metadata changed. */
	public static final String CUSTOMER_UPDATED = "customer.updated";

	/** A payment method was saved to a customer. */
	public static final String PAYMENT_METHOD_ATTACHED = "payment_method.attached";

	/** A payment method was removed from a customer. */
	public static final String PAYMENT_METHOD_DETACHED = "payment_method.detached";

	/** A customer completed a checkout session. */
	public static final String CHECKOUT_SESSION_COMPLETED = "checkout.session.completed";

}
