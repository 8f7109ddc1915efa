package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Discount;
import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.Price;
import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * A subscription as the sandbox keeps it, with what the portal does not see: the billing
 * anchor its periods count from, proration items waiting for the next invoice, and when
 * it went on hold. Mutable, and only ever changed inside a {@link SandboxLedger} copy.
 */
final class SandboxSubscription {

	final String id;

	final String customerId;

	final Instant created;

	final long sequence;

	SubscriptionStatus status;

	String priceId;

	int quantity;

	/** Periods are whole intervals from here, so month ends do not drift. */
	Instant billingAnchor;

	/** Which period since the anchor is the current one, from 0. */
	long periodIndex;

	Instant currentPeriodStart;

	Instant currentPeriodEnd;

	boolean cancelAtPeriodEnd;

	@Nullable CancellationReason cancellationReason;

	@Nullable Instant canceledAt;

	@Nullable Instant endedAt;

	@Nullable Instant trialEnd;

	@Nullable Instant resumesAt;

	@Nullable String defaultPaymentMethodId;

	@Nullable String latestInvoiceId;

	/** When the first invoice that is still unpaid failed; {@code null} unless on hold. */
	@Nullable Instant onHoldSince;

	/** The coupon applied, as Stripe keeps it in the subscription's discounts. */
	@Nullable Discount discount;

	/** The subscription's {@code recur_retention_offer} metadata. */
	@Nullable RetentionOfferStatus retentionOffer;

	/** Proration lines that go on the next renewal invoice. */
	List<InvoiceLine> pendingLines = new ArrayList<>();

	SandboxSubscription(String id, String customerId, Instant created, long sequence, SubscriptionStatus status,
			String priceId, int quantity, Instant billingAnchor, Instant currentPeriodStart,
			Instant currentPeriodEnd) {
		this.id = id;
		this.customerId = customerId;
		this.created = created;
		this.sequence = sequence;
		this.status = status;
		this.priceId = priceId;
		this.quantity = quantity;
		this.billingAnchor = billingAnchor;
		this.currentPeriodStart = currentPeriodStart;
		this.currentPeriodEnd = currentPeriodEnd;
	}

	SandboxSubscription copy() {
		SandboxSubscription copy = new SandboxSubscription(this.id, this.customerId, this.created, this.sequence,
				this.status, this.priceId, this.quantity, this.billingAnchor, this.currentPeriodStart,
				this.currentPeriodEnd);
		copy.periodIndex = this.periodIndex;
		copy.cancelAtPeriodEnd = this.cancelAtPeriodEnd;
		copy.cancellationReason = this.cancellationReason;
		copy.canceledAt = this.canceledAt;
		copy.endedAt = this.endedAt;
		copy.trialEnd = this.trialEnd;
		copy.resumesAt = this.resumesAt;
		copy.defaultPaymentMethodId = this.defaultPaymentMethodId;
		copy.latestInvoiceId = this.latestInvoiceId;
		copy.onHoldSince = this.onHoldSince;
		copy.discount = this.discount;
		copy.retentionOffer = this.retentionOffer;
		copy.pendingLines = new ArrayList<>(this.pendingLines);
		return copy;
	}

	boolean isEnded() {
		return this.status.isTerminal();
	}

	/**
	 * Whether the trial has not ended at a time.
	 * @param now the time
	 * @return {@code true} while in the trial
	 */
	boolean isInTrialAt(Instant now) {
		return this.trialEnd != null && this.trialEnd.isAfter(now);
	}

	Subscription toSubscription(Price price) {
		return new Subscription(this.id, this.customerId, this.status, price, this.quantity, this.currentPeriodStart,
				this.currentPeriodEnd, this.cancelAtPeriodEnd, this.cancellationReason, this.canceledAt, this.endedAt,
				this.trialEnd, this.resumesAt, this.defaultPaymentMethodId, this.latestInvoiceId, this.created,
				this.discount, this.retentionOffer);
	}

}
