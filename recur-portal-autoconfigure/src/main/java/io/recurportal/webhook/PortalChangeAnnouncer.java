package io.recurportal.webhook;

import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

import io.recurportal.billing.Subscription;
import io.recurportal.subscription.SubscriptionChangeListener;

/**
 * Tells the host of the changes an owner made through the portal (set to cancel,
 * reactivated, plan changed), as the same application events a provider event would
 * make.
 * <p>
 * The portal stores the provider's answer in the mirror before the provider's own event
 * arrives, so by the time that event is refreshed the mirror already holds the change
 * and derives nothing from it: without this the host, and the billing emails, would
 * never hear of a change made in the portal. Each change gets an id of its own, so it is
 * told once; a retried action that changes nothing tells nothing.
 */
public final class PortalChangeAnnouncer implements SubscriptionChangeListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * Creates an announcer.
	 * @param publisher publishes the application events
	 */
	public PortalChangeAnnouncer(ApplicationEventPublisher publisher) {
		Assert.notNull(publisher, "'publisher' must not be null");
		this.publisher = publisher;
	}

	@Override
	public void changed(String accountId, Subscription before, Subscription after) {
		String eventId = "portal_" + UUID.randomUUID();
		for (PortalBillingEvent event : PortalBillingEventDerivation.changes(eventId, accountId, before, after)) {
			this.publisher.publishEvent(event);
		}
	}

}
