package io.recurportal.billing.sandbox;

import java.time.Instant;

import io.recurportal.billing.Price;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Moves subscriptions between prices: checks the move is allowed, plans it with the
 * {@link ProrationCalculator} and carries the plan out.
 */
final class PriceChanges {

	private PriceChanges() {
	}

	/**
	 * Plans a change, checking it is allowed.
	 * @param ledger the ledger
	 * @param subscription the subscription
	 * @param newPriceId the price to move to
	 * @param behavior how the rest of the period is charged
	 * @param now the time
	 * @return the plan
	 * @throws PortalException {@code invalid_subscription_state} unless the subscription
	 * is active or trialing, {@code price_not_available} unless the price can be bought,
	 * differs from the current one and is in the same currency
	 */
	static PriceChangePlan plan(SandboxLedger ledger, SandboxSubscription subscription, String newPriceId,
			ProrationBehavior behavior, Instant now) {
		return plan(ledger, subscription, newPriceId, subscription.quantity, behavior, now);
	}

	/**
	 * Plans a change of price, quantity or both, checking it is allowed.
	 * @param ledger the ledger
	 * @param subscription the subscription
	 * @param newPriceId the price to move to, the current one to change the quantity only
	 * @param quantity how many of the price
	 * @param behavior how the rest of the period is charged
	 * @param now the time
	 * @return the plan
	 * @throws PortalException as {@link #plan(SandboxLedger, SandboxSubscription, String,
	 * ProrationBehavior, Instant)}, and {@code invalid_request} when the quantity is below 1
	 */
	static PriceChangePlan plan(SandboxLedger ledger, SandboxSubscription subscription, String newPriceId,
			int quantity, ProrationBehavior behavior, Instant now) {
		if (subscription.status != SubscriptionStatus.ACTIVE && subscription.status != SubscriptionStatus.TRIALING) {
			throw new PortalException(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
					"A " + subscription.status.value() + " subscription cannot change plan.");
		}
		Price oldPrice = ledger.catalog().price(subscription.priceId);
		Price newPrice = newPriceId.equals(oldPrice.id()) ? oldPrice : ledger.catalog().requireAvailable(newPriceId);
		if (quantity < 1) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "The quantity must be at least 1.");
		}
		if (newPrice.id().equals(oldPrice.id()) && quantity == subscription.quantity) {
			throw new PortalException(PortalErrorCode.PRICE_NOT_AVAILABLE, "The subscription is already on this price.");
		}
		SubscriptionStateMachine.requireCurrency(ledger.requireCustomer(subscription.customerId), newPrice);
		return ProrationCalculator.plan(subscription, oldPrice, newPrice, quantity, behavior, now);
	}

	/**
	 * Carries out a plan.
	 * @param ledger the ledger copy to change
	 * @param subscription the subscription
	 * @param plan the plan from {@link #plan}
	 * @param now the time it was planned at
	 * @throws PortalException {@code payment_failed} when the invoice made now cannot be
	 * paid; the caller throws the ledger copy away, so nothing changes
	 */
	static void apply(SandboxLedger ledger, SandboxSubscription subscription, PriceChangePlan plan, Instant now) {
		subscription.priceId = plan.newPrice().id();
		subscription.quantity = plan.quantity();
		if (plan.restartsPeriod()) {
			subscription.billingAnchor = now;
			subscription.periodIndex = 0;
			subscription.currentPeriodStart = now;
			subscription.currentPeriodEnd = plan.periodEnd();
		}
		if (plan.invoiceNow()) {
			SandboxCustomer customer = ledger.requireCustomer(subscription.customerId);
			SandboxInvoice invoice = Invoicing.createDraft(ledger, customer, subscription,
					plan.newPrice().currency(), plan.nextInvoiceLines(), now, subscription.currentPeriodEnd, now);
			subscription.pendingLines.clear();
			Invoicing.finalizeDraft(customer, invoice, now);
			String decline = Invoicing.collect(invoice, Invoicing.defaultCard(ledger, customer, subscription), now);
			if (decline != null) {
				throw new PortalException(PortalErrorCode.PAYMENT_FAILED, decline);
			}
		}
		else {
			// Waits for the renewal invoice; none is empty.
			subscription.pendingLines.addAll(plan.prorationLines());
		}
	}

}
