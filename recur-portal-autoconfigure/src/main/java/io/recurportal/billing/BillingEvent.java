package io.recurportal.billing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A provider event as the portal processes it, whichever provider sent it. It names what
 * changed; the current state is read from the provider's {@link BillingGateway}.
 *
 * @param id the provider's event id, unique per event
 * @param type what happened, or {@code null} for an event of a kind the portal does not
 * handle (it is acknowledged and ignored)
 * @param name the provider's own name of the event type, for logs, metrics and the
 * store of processed events
 * @param created when the provider created the event; later events carry newer state
 * @param customerId the customer concerned, if the event names one
 * @param subscriptionId the subscription concerned, if any
 * @param invoiceId the invoice concerned, if any
 * @param accountId the host account, when the provider's event carries it; otherwise it
 * is looked up from the customer
 * @param paymentMethodId the payment method concerned, if any: the one a
 * {@link BillingEventType#PAYMENT_METHOD_ATTACHED} event saved
 */
public record BillingEvent(String id, @Nullable BillingEventType type, String name, Instant created,
		@Nullable String customerId, @Nullable String subscriptionId, @Nullable String invoiceId,
		@Nullable String accountId, @Nullable String paymentMethodId) {

	public BillingEvent {
		Assert.hasText(id, "'id' must not be empty");
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(created, "'created' must not be null");
	}

	/**
	 * Creates an event that concerns no payment method.
	 * @param id the provider's event id
	 * @param type what happened, or {@code null} for an event the portal ignores
	 * @param name the provider's own name of the event type
	 * @param created when the provider created the event
	 * @param customerId the customer concerned, if any
	 * @param subscriptionId the subscription concerned, if any
	 * @param invoiceId the invoice concerned, if any
	 * @param accountId the host account, if the event carries it
	 */
	public BillingEvent(String id, @Nullable BillingEventType type, String name, Instant created,
			@Nullable String customerId, @Nullable String subscriptionId, @Nullable String invoiceId,
			@Nullable String accountId) {
		this(id, type, name, created, customerId, subscriptionId, invoiceId, accountId, null);
	}

	/**
	 * Creates an event of a handled type named by its {@link BillingEventType#value()}.
	 * @param id the provider's event id
	 * @param type what happened
	 * @param created when the provider created the event
	 * @param customerId the customer concerned, if any
	 * @param subscriptionId the subscription concerned, if any
	 * @param invoiceId the invoice concerned, if any
	 * @param accountId the host account, if the event carries it
	 */
	public BillingEvent(String id, BillingEventType type, Instant created, @Nullable String customerId,
			@Nullable String subscriptionId, @Nullable String invoiceId, @Nullable String accountId) {
		this(id, type, type.value(), created, customerId, subscriptionId, invoiceId, accountId, null);
	}

}
