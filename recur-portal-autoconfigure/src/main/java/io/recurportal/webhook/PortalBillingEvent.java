package io.recurportal.webhook;

/**
 * What the portal tells the host, as Spring application events, when the provider
 * reports a change: listen with {@code @EventListener} for one type or for all of them.
 * Each is published once per provider event, after the change is committed.
 */
public sealed interface PortalBillingEvent permits SubscriptionCreatedEvent, SubscriptionUpdatedEvent,
		SubscriptionCanceledEvent, SubscriptionOnHoldEvent, SubscriptionReactivatedEvent, PaymentSucceededEvent,
		PaymentFailedEvent, SubscriptionCancelScheduledEvent, SubscriptionPlanChangedEvent,
		PaymentMethodAttachedEvent {

	/**
	 * The provider event this comes from.
	 * @return the provider's event id
	 */
	String eventId();

	/**
	 * The host account concerned.
	 * @return the account id
	 */
	String accountId();

}
