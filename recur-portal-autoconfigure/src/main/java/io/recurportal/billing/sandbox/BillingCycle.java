package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.Discount;
import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.Price;
import io.recurportal.billing.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * What happens as time passes, in the order it falls due: renewals, trial ends, ends of
 * subscriptions cancelled at period end, paused subscriptions resuming, past-due
 * subscriptions becoming unpaid after the grace period, and checkout sessions expiring.
 */
final class BillingCycle {

	private final Duration pastDueGracePeriod;

	BillingCycle(Duration pastDueGracePeriod) {
		this.pastDueGracePeriod = pastDueGracePeriod;
	}

	/**
	 * Runs everything due up to a time, earliest first, each at the time it fell due; a
	 * subscription a year behind renews twelve times.
	 * @param ledger the ledger
	 * @param now the time to catch up to
	 */
	void runUntil(SandboxLedger ledger, Instant now) {
		for (SandboxCheckoutSession session : ledger.checkoutSessions()) {
			if (session.status == CheckoutStatus.OPEN && !session.expiresAt.isAfter(now)) {
				session.status = CheckoutStatus.EXPIRED;
			}
		}
		while (true) {
			SandboxSubscription due = null;
			Instant dueAt = null;
			for (SandboxSubscription subscription : ledger.subscriptions()) {
				Instant at = nextEventAt(subscription);
				if (at != null && !at.isAfter(now) && (dueAt == null || at.isBefore(dueAt))) {
					due = subscription;
					dueAt = at;
				}
			}
			if (due == null) {
				return;
			}
			runEvent(ledger, due, dueAt);
		}
	}

	private @Nullable Instant nextEventAt(SandboxSubscription subscription) {
		return switch (subscription.status) {
			case TRIALING, ACTIVE, UNPAID -> subscription.currentPeriodEnd;
			case PAST_DUE -> earliest(subscription.currentPeriodEnd, graceEnd(subscription));
			case PAUSED -> earliest(subscription.currentPeriodEnd, subscription.resumesAt);
			case INCOMPLETE, INCOMPLETE_EXPIRED, CANCELED -> null;
		};
	}

	private void runEvent(SandboxLedger ledger, SandboxSubscription subscription, Instant at) {
		// Ties go to the grace period and to resuming, before the period ends.
		if (subscription.status == SubscriptionStatus.PAST_DUE && at.equals(graceEnd(subscription))) {
			subscription.status = SubscriptionStatus.UNPAID;
			return;
		}
		if (subscription.status == SubscriptionStatus.PAUSED && at.equals(subscription.resumesAt)) {
			SubscriptionStateMachine.resumeAt(subscription, at);
			return;
		}
		Price price = ledger.catalog().price(subscription.priceId);
		if (subscription.cancelAtPeriodEnd) {
			SubscriptionStateMachine.end(subscription, subscription.currentPeriodEnd);
		}
		else if (subscription.status == SubscriptionStatus.PAUSED) {
			// Paused collection: the period moves on and nothing is invoiced.
			BillingPeriods.roll(subscription, price);
		}
		else {
			renew(ledger, subscription, price, at);
		}
	}

	private void renew(SandboxLedger ledger, SandboxSubscription subscription, Price price, Instant at) {
		BillingPeriods.roll(subscription, price);
		SandboxCustomer customer = ledger.requireCustomer(subscription.customerId);
		List<InvoiceLine> lines = new ArrayList<>(subscription.pendingLines);
		InvoiceLine period = Invoicing.periodLine(price, subscription.quantity, subscription.currentPeriodStart,
				subscription.currentPeriodEnd);
		lines.add(period);
		Discount discount = subscription.discount;
		if (discount != null && discount.appliesAt(at)) {
			// Stripe states it as the line's discount amount; the sandbox as a line of its own.
			long off = period.amount() - discount.applyTo(period.amount());
			lines.add(new InvoiceLine("Discount (" + discount.couponId() + ")", -off, 1, null, false,
					subscription.currentPeriodStart, subscription.currentPeriodEnd));
		}
		subscription.pendingLines.clear();
		SandboxInvoice invoice = Invoicing.createDraft(ledger, customer, subscription, price.currency(), lines,
				subscription.currentPeriodStart, subscription.currentPeriodEnd, at);
		if (subscription.status == SubscriptionStatus.UNPAID) {
			// Stripe stops trying an unpaid subscription: its invoices stay drafts.
			return;
		}
		Invoicing.finalizeDraft(customer, invoice, at);
		String decline = Invoicing.collect(invoice, Invoicing.defaultCard(ledger, customer, subscription), at);
		if (decline == null) {
			if (subscription.status == SubscriptionStatus.TRIALING) {
				subscription.status = SubscriptionStatus.ACTIVE;
			}
			else if (subscription.status == SubscriptionStatus.PAST_DUE) {
				SubscriptionStateMachine.recoverIfSettled(ledger, subscription);
			}
		}
		else if (subscription.status != SubscriptionStatus.PAST_DUE) {
			subscription.status = SubscriptionStatus.PAST_DUE;
			subscription.onHoldSince = at;
		}
	}

	private @Nullable Instant graceEnd(SandboxSubscription subscription) {
		return (subscription.onHoldSince != null) ? subscription.onHoldSince.plus(this.pastDueGracePeriod) : null;
	}

	private static Instant earliest(Instant first, @Nullable Instant second) {
		return (second != null && second.isBefore(first)) ? second : first;
	}

}
