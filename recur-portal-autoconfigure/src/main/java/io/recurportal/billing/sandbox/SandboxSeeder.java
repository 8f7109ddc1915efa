package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.recurportal.billing.Price;
import io.recurportal.billing.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Builds the sandbox's first ledger from a {@link SandboxSeed}, making each seeded
 * subscription consistent with its status: it started {@code startedDaysAgo} days ago,
 * every period so far has its invoice, and the current period contains now.
 * <ul>
 * <li>{@code active}, {@code paused}: every invoice paid.</li>
 * <li>{@code past_due}, {@code unpaid}: the current period's invoice is open after a
 * failed charge.</li>
 * <li>{@code trialing}: a free trial invoice; the trial ends {@code trialDaysLeft} days
 * from now.</li>
 * <li>{@code canceled}: invoices paid up to the day it ended.</li>
 * </ul>
 * Generated ids come from counters in seed order, so the same seed gives the same ids.
 */
final class SandboxSeeder {

	private final Duration pastDueGracePeriod;

	SandboxSeeder(Duration pastDueGracePeriod) {
		this.pastDueGracePeriod = pastDueGracePeriod;
	}

	SandboxLedger seed(SandboxSeed seed, Instant now) {
		SandboxLedger ledger = new SandboxLedger(new SandboxCatalog(seed));
		for (SandboxSeed.Customer seeded : seed.customers()) {
			int daysAgo = seeded.subscriptions().stream().mapToInt(SandboxSeed.Subscription::startedDaysAgo).max().orElse(0);
			Instant created = now.minus(Duration.ofDays(daysAgo));
			SandboxCustomer customer = CustomerDirectory.add(ledger, seeded.externalId(), seeded.email(),
					seeded.name(), seeded.id(), seeded.metadata(), created);
			customer.phone = seeded.phone();
			customer.address = seeded.address();
			customer.taxId = seeded.taxId();
			customer.preferredLocales = seeded.preferredLocales();
			for (SandboxSeed.Card card : seeded.cards()) {
				SavedCard saved = SavedCards.add(ledger, customer, card.details(), created);
				if (customer.defaultPaymentMethodId == null) {
					customer.defaultPaymentMethodId = saved.id();
				}
			}
			for (SandboxSeed.Subscription subscription : seeded.subscriptions()) {
				seedSubscription(ledger, customer, subscription, now);
			}
		}
		return ledger;
	}

	private void seedSubscription(SandboxLedger ledger, SandboxCustomer customer, SandboxSeed.Subscription seeded,
			Instant now) {
		Price price = ledger.catalog().price(seeded.priceId());
		Instant started = now.minus(Duration.ofDays(seeded.startedDaysAgo()));
		String id = (seeded.id() != null) ? seeded.id() : ledger.newId("sub");
		SubscriptionStatus status = SubscriptionStatus.fromValue(seeded.status());
		int quantity = seeded.quantity();
		if (status == SubscriptionStatus.TRIALING) {
			Instant trialEnd = now.plus(Duration.ofDays(seeded.trialDaysLeft()));
			// The first paid period counts from the end of the trial.
			SandboxSubscription subscription = new SandboxSubscription(id, customer.id, started, ledger.nextSequence(),
					status, price.id(), quantity, trialEnd, started, trialEnd);
			subscription.periodIndex = -1;
			subscription.trialEnd = trialEnd;
			ledger.add(subscription);
			SandboxInvoice invoice = Invoicing.createDraft(ledger, customer, subscription, price.currency(),
					List.of(Invoicing.trialLine(price, quantity, started, trialEnd)), started, trialEnd, started);
			Invoicing.finalizeDraft(customer, invoice, started);
			finishSeeding(subscription, seeded, now);
			return;
		}
		SandboxSubscription subscription = new SandboxSubscription(id, customer.id, started, ledger.nextSequence(),
				status, price.id(), quantity, started, started, BillingPeriods.end(started, price, 0));
		ledger.add(subscription);
		Instant endedAt = (status == SubscriptionStatus.CANCELED) ? endedAt(seeded, started, price, now) : null;
		SandboxInvoice invoice = invoicePeriod(ledger, customer, subscription, price);
		while ((endedAt != null) ? subscription.currentPeriodEnd.isBefore(endedAt)
				: !subscription.currentPeriodEnd.isAfter(now)) {
			Invoicing.markPaid(invoice, invoice.created);
			BillingPeriods.roll(subscription, price);
			invoice = invoicePeriod(ledger, customer, subscription, price);
		}
		if (status.isOnHold()) {
			// The current period's charge failed.
			invoice.attempts = 1;
			subscription.onHoldSince = onHoldSince(subscription, status, now);
		}
		else {
			Invoicing.markPaid(invoice, invoice.created);
		}
		if (endedAt != null) {
			subscription.canceledAt = endedAt;
			SubscriptionStateMachine.end(subscription, endedAt);
		}
		if (seeded.resumesInDays() != null) {
			subscription.resumesAt = now.plus(Duration.ofDays(seeded.resumesInDays()));
		}
		finishSeeding(subscription, seeded, now);
	}

	private static void finishSeeding(SandboxSubscription subscription, SandboxSeed.Subscription seeded, Instant now) {
		if (seeded.cancelAtPeriodEnd()) {
			subscription.cancelAtPeriodEnd = true;
			subscription.canceledAt = now;
		}
	}

	private static SandboxInvoice invoicePeriod(SandboxLedger ledger, SandboxCustomer customer,
			SandboxSubscription subscription, Price price) {
		Instant start = subscription.currentPeriodStart;
		SandboxInvoice invoice = Invoicing.createDraft(ledger, customer, subscription, price.currency(),
				List.of(Invoicing.periodLine(price, subscription.quantity, start, subscription.currentPeriodEnd)),
				start, subscription.currentPeriodEnd, start);
		Invoicing.finalizeDraft(customer, invoice, start);
		return invoice;
	}

	/**
	 * When a seeded cancelled subscription ended: {@code endedDaysAgo}, else at the end of
	 * its last full period, else now.
	 */
	private static Instant endedAt(SandboxSeed.Subscription seeded, Instant started, Price price, Instant now) {
		if (seeded.endedDaysAgo() != null) {
			return now.minus(Duration.ofDays(seeded.endedDaysAgo()));
		}
		Instant ended = now;
		for (long index = 0; !BillingPeriods.end(started, price, index).isAfter(now); index++) {
			ended = BillingPeriods.end(started, price, index);
		}
		return ended;
	}

	/**
	 * When a seeded on-hold subscription's charge failed: at the start of the period, or
	 * now when a past-due one would already be past its grace period and so unpaid.
	 */
	private @Nullable Instant onHoldSince(SandboxSubscription subscription, SubscriptionStatus status, Instant now) {
		Instant failedAt = subscription.currentPeriodStart;
		if (status == SubscriptionStatus.PAST_DUE && !failedAt.plus(this.pastDueGracePeriod).isAfter(now)) {
			return now;
		}
		return failedAt;
	}

}
