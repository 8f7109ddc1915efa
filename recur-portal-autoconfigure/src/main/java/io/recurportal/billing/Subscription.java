package io.recurportal.billing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A subscription of a customer to one price.
 *
 * @param id the provider's subscription id ({@code sub_...})
 * @param customerId the customer it bills
 * @param status its state
 * @param price the price it bills
 * @param quantity how many of the price, at least 1
 * @param currentPeriodStart start of the period billed last
 * @param currentPeriodEnd end of that period: the next charge, or the end date when
 * cancelling at period end
 * @param cancelAtPeriodEnd whether it ends at {@code currentPeriodEnd}
 * @param cancellationReason why the customer cancelled, when they did
 * @param canceledAt when the cancellation was asked for
 * @param endedAt when it ended
 * @param trialEnd when the trial ends or ended
 * @param resumesAt when a paused subscription resumes by itself
 * @param defaultPaymentMethodId the payment method it charges, over the customer's default
 * @param latestInvoiceId the invoice created last
 * @param created when it was created
 * @param discount the discount it has now, or {@code null}
 * @param retentionOffer how far its retention offer went, or {@code null} when never
 * offered
 */
public record Subscription(String id, String customerId, SubscriptionStatus status, Price price, int quantity,
		Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
		@Nullable CancellationReason cancellationReason, @Nullable Instant canceledAt, @Nullable Instant endedAt,
		@Nullable Instant trialEnd, @Nullable Instant resumesAt, @Nullable String defaultPaymentMethodId,
		@Nullable String latestInvoiceId, Instant created, @Nullable Discount discount,
		@Nullable RetentionOfferStatus retentionOffer) {

	/**
	 * A subscription without a discount or retention offer.
	 * @param id the provider's subscription id
	 * @param customerId the customer it bills
	 * @param status its state
	 * @param price the price it bills
	 * @param quantity how many of the price
	 * @param currentPeriodStart start of the period billed last
	 * @param currentPeriodEnd end of that period
	 * @param cancelAtPeriodEnd whether it ends at {@code currentPeriodEnd}
	 * @param cancellationReason why the customer cancelled
	 * @param canceledAt when the cancellation was asked for
	 * @param endedAt when it ended
	 * @param trialEnd when the trial ends or ended
	 * @param resumesAt when a paused subscription resumes by itself
	 * @param defaultPaymentMethodId the payment method it charges
	 * @param latestInvoiceId the invoice created last
	 * @param created when it was created
	 */
	public Subscription(String id, String customerId, SubscriptionStatus status, Price price, int quantity,
			Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
			@Nullable CancellationReason cancellationReason, @Nullable Instant canceledAt, @Nullable Instant endedAt,
			@Nullable Instant trialEnd, @Nullable Instant resumesAt, @Nullable String defaultPaymentMethodId,
			@Nullable String latestInvoiceId, Instant created) {
		this(id, customerId, status, price, quantity, currentPeriodStart, currentPeriodEnd, cancelAtPeriodEnd,
				cancellationReason, canceledAt, endedAt, trialEnd, resumesAt, defaultPaymentMethodId, latestInvoiceId,
				created, null, null);
	}

	/**
	 * Whether a customer's payment failed and they must act: see
	 * {@link SubscriptionStatus#isOnHold()}.
	 * @return {@code true} when on hold
	 */
	public boolean isOnHold() {
		return this.status.isOnHold();
	}

}
