package io.recurportal.webhook;

import java.time.Instant;
import java.util.List;

import io.recurportal.billing.BillingEvent;

/**
 * One object to read again from the provider, claimed by one worker: a subscription or
 * a customer, with every event recorded for it since it was last read.
 *
 * @param key what to read: {@code subscription:<id>} or {@code customer:<id>}
 * @param claimId the claim, so that only its holder completes it
 * @param version how many events the object had been given when claimed; a later event
 * raises it, so completing keeps the work for that event
 * @param attempts the failed reads so far
 * @param recordedAt when the oldest event waiting for this read was recorded
 * @param events the events, in the order they were recorded
 * @param consumed how much of the stored events this claim covers, for the queue
 */
public record RefreshWork(String key, String claimId, long version, int attempts, Instant recordedAt,
		List<BillingEvent> events, long consumed) {

	/** The key prefix of a subscription's work. */
	public static final String SUBSCRIPTION = "subscription:";

	/** The key prefix of a customer's work. */
	public static final String CUSTOMER = "customer:";

	public RefreshWork {
		events = List.copyOf(events);
	}

	/**
	 * Whether this is a subscription's work.
	 * @return {@code true} for a subscription, {@code false} for a customer
	 */
	public boolean isSubscription() {
		return this.key.startsWith(SUBSCRIPTION);
	}

	/**
	 * The id of the subscription or customer.
	 * @return the provider's id
	 */
	public String objectId() {
		return this.key.substring(isSubscription() ? SUBSCRIPTION.length() : CUSTOMER.length());
	}

}
