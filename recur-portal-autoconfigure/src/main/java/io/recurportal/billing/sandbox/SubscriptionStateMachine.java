package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.util.List;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.Price;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.jspecify.annotations.Nullable;

/**
 * The subscription state machine for what customers do: start, cancel, reactivate,
 * pause, resume, and the way back from on hold. What time does is in
 * {@link BillingCycle}.
 */
final class SubscriptionStateMachine {

	private SubscriptionStateMachine() {
	}

	/**
	 * Starts a subscription now and charges its first invoice.
	 * @param ledger the ledger
	 * @param customer the customer
	 * @param price the price
	 * @param quantity how many
	 * @param card the card it is charged to
	 * @param now the time
	 * @return the active subscription
	 * @throws PortalException {@code payment_failed} when the first charge fails; the
	 * caller throws the ledger copy away
	 */
	static SandboxSubscription start(SandboxLedger ledger, SandboxCustomer customer, Price price, int quantity,
			SavedCard card, Instant now) {
		requireCurrency(customer, price);
		Instant end = BillingPeriods.end(now, price, 0);
		SandboxSubscription subscription = new SandboxSubscription(ledger.newId("sub"), customer.id, now,
				ledger.nextSequence(), SubscriptionStatus.ACTIVE, price.id(), quantity, now, now, end);
		subscription.defaultPaymentMethodId = card.id();
		ledger.add(subscription);
		SandboxInvoice invoice = Invoicing.createDraft(ledger, customer, subscription, price.currency(),
				List.of(Invoicing.periodLine(price, quantity, now, end)), now, end, now);
		Invoicing.finalizeDraft(customer, invoice, now);
		String decline = Invoicing.collect(invoice, card, now);
		if (decline != null) {
			throw new PortalException(PortalErrorCode.PAYMENT_FAILED, decline);
		}
		return subscription;
	}

	/**
	 * Cancels now, or at the end of the period.
	 * @param subscription the subscription
	 * @param timing when it ends
	 * @param reason why
	 * @param now the time
	 */
	static void cancel(SandboxSubscription subscription, CancelTiming timing, CancellationReason reason,
			Instant now) {
		requireNotEnded(subscription, "cancel");
		subscription.cancellationReason = CancellationReason.NONE.equals(reason) ? null : reason;
		subscription.canceledAt = now;
		if (timing == CancelTiming.IMMEDIATELY) {
			subscription.cancelAtPeriodEnd = false;
			end(subscription, now);
		}
		else {
			subscription.cancelAtPeriodEnd = true;
		}
	}

	/**
	 * Undoes a cancellation at period end.
	 * @param subscription the subscription
	 */
	static void reactivate(SandboxSubscription subscription) {
		requireNotEnded(subscription, "reactivate");
		if (!subscription.cancelAtPeriodEnd) {
			throw invalidState("Only a subscription cancelled at the end of its period can be reactivated.");
		}
		subscription.cancelAtPeriodEnd = false;
		subscription.canceledAt = null;
		subscription.cancellationReason = null;
	}

	/**
	 * Pauses collection of an active or trialing subscription.
	 * @param subscription the subscription
	 * @param resumesAt when it resumes by itself, or {@code null}
	 * @param now the time
	 */
	static void pause(SandboxSubscription subscription, @Nullable Instant resumesAt, Instant now) {
		requireNotEnded(subscription, "pause");
		if (subscription.status != SubscriptionStatus.ACTIVE && subscription.status != SubscriptionStatus.TRIALING) {
			throw invalidState("Only an active or trialing subscription can be paused, not a "
					+ subscription.status.value() + " one.");
		}
		if (resumesAt != null && !resumesAt.isAfter(now)) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "The resume date must be in the future.");
		}
		subscription.status = SubscriptionStatus.PAUSED;
		subscription.resumesAt = resumesAt;
	}

	/**
	 * Resumes a paused subscription; it is charged again at the end of its period.
	 * @param subscription the subscription
	 * @param now the time
	 */
	static void resume(SandboxSubscription subscription, Instant now) {
		requireNotEnded(subscription, "resume");
		if (subscription.status != SubscriptionStatus.PAUSED) {
			throw invalidState("Only a paused subscription can be resumed, not a "
					+ subscription.status.value() + " one.");
		}
		resumeAt(subscription, now);
	}

	/**
	 * Resumes a paused subscription, back in its trial if the trial has not ended.
	 * @param subscription the subscription
	 * @param at the time
	 */
	static void resumeAt(SandboxSubscription subscription, Instant at) {
		subscription.status = subscription.isInTrialAt(at) ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
		subscription.resumesAt = null;
	}

	/**
	 * Ends a subscription for good.
	 * @param subscription the subscription
	 * @param at when it ends
	 */
	static void end(SandboxSubscription subscription, Instant at) {
		subscription.status = SubscriptionStatus.CANCELED;
		subscription.endedAt = at;
		if (subscription.canceledAt == null) {
			subscription.canceledAt = at;
		}
		subscription.resumesAt = null;
		subscription.onHoldSince = null;
		subscription.pendingLines.clear();
	}

	/**
	 * Takes an on-hold subscription back to active once none of its invoices is open.
	 * Drafts made while it was unpaid are voided: they bill time it had no access for.
	 * @param ledger the ledger
	 * @param subscription the subscription
	 */
	static void recoverIfSettled(SandboxLedger ledger, SandboxSubscription subscription) {
		if (!subscription.status.isOnHold()
				|| !ledger.invoicesOfSubscription(subscription.id, InvoiceStatus.OPEN).isEmpty()) {
			return;
		}
		subscription.status = SubscriptionStatus.ACTIVE;
		subscription.onHoldSince = null;
		for (SandboxInvoice draft : ledger.invoicesOfSubscription(subscription.id, InvoiceStatus.DRAFT)) {
			draft.status = InvoiceStatus.VOID;
		}
	}

	/**
	 * Checks a customer can pay a price: like Stripe, a customer pays in one currency.
	 * @param customer the customer
	 * @param price the price
	 * @throws PortalException {@code price_not_available} for a price in another currency
	 */
	static void requireCurrency(SandboxCustomer customer, Price price) {
		if (customer.currency != null && !customer.currency.equals(price.currency())) {
			throw new PortalException(PortalErrorCode.PRICE_NOT_AVAILABLE,
					"The customer pays in " + customer.currency + ", not " + price.currency() + ".");
		}
	}

	private static void requireNotEnded(SandboxSubscription subscription, String action) {
		if (subscription.isEnded()) {
			throw invalidState("Cannot " + action + " a subscription that has ended.");
		}
	}

	private static PortalException invalidState(String message) {
		return new PortalException(PortalErrorCode.INVALID_SUBSCRIPTION_STATE, message);
	}

}
