package io.recurportal.billing.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.Price;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Works out a change of price or quantity the way Stripe prorates, to the second: credit
 * {@code -round(old × old quantity × remaining / period)} for the unused time on the old
 * price and charge {@code round(new × new quantity × remaining / period)} for the rest of
 * the period on the new one.
 * <ul>
 * <li>Same interval: {@code create_prorations} puts both lines on the next renewal
 * invoice, {@code always_invoice} invoices them now, {@code none} drops them.</li>
 * <li>Another interval (monthly to yearly): a new period starts now and is invoiced now,
 * with the credit for unused time unless {@code none}.</li>
 * <li>In a trial nothing is prorated: the trial is free on either price.</li>
 * </ul>
 */
final class ProrationCalculator {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US)
		.withZone(ZoneOffset.UTC);

	private ProrationCalculator() {
	}

	static PriceChangePlan plan(SandboxSubscription subscription, Price oldPrice, Price newPrice, int quantity,
			ProrationBehavior behavior, Instant now) {
		List<InvoiceLine> pending = subscription.pendingLines;
		int oldQuantity = subscription.quantity;
		Instant periodEnd = subscription.currentPeriodEnd;
		if (subscription.status == SubscriptionStatus.TRIALING) {
			// The first paid period starts at the trial's end, on the new price's interval.
			Instant firstEnd = BillingPeriods.end(subscription.billingAnchor, newPrice, 0);
			return new PriceChangePlan(newPrice, quantity, List.of(), false, false, periodEnd,
					concat(pending, List.of(), Invoicing.periodLine(newPrice, quantity, periodEnd, firstEnd)),
					periodEnd);
		}
		List<InvoiceLine> credit = List.of();
		if (behavior != ProrationBehavior.NONE) {
			credit = List.of(new InvoiceLine(describe("Unused time on", oldPrice, oldQuantity, now),
					-prorate(oldPrice, oldQuantity, subscription, now), oldQuantity, oldPrice.id(), true, now,
					periodEnd));
		}
		if (!newPrice.hasSameScheduleAs(oldPrice)) {
			Instant newEnd = BillingPeriods.end(now, newPrice, 0);
			return new PriceChangePlan(newPrice, quantity, credit, true, true, newEnd,
					concat(pending, credit, Invoicing.periodLine(newPrice, quantity, now, newEnd)), now);
		}
		List<InvoiceLine> prorations = new ArrayList<>(credit);
		if (behavior != ProrationBehavior.NONE) {
			prorations.add(new InvoiceLine(describe("Remaining time on", newPrice, quantity, now),
					prorate(newPrice, quantity, subscription, now), quantity, newPrice.id(), true, now, periodEnd));
		}
		if (behavior == ProrationBehavior.ALWAYS_INVOICE) {
			return new PriceChangePlan(newPrice, quantity, prorations, true, false, periodEnd,
					concat(pending, prorations, null),
					now);
		}
		Instant nextEnd = BillingPeriods.end(subscription.billingAnchor, newPrice, subscription.periodIndex + 1);
		return new PriceChangePlan(newPrice, quantity, prorations, false, false, periodEnd,
				concat(pending, prorations, Invoicing.periodLine(newPrice, quantity, periodEnd, nextEnd)), periodEnd);
	}

	/**
	 * A price's amount for the rest of the current period, rounded half up to the minor
	 * unit.
	 * @param price the price
	 * @param quantity how many of the price
	 * @param subscription the subscription, for its period
	 * @param now the time
	 * @return the prorated amount, never negative
	 */
	static long prorate(Price price, int quantity, SandboxSubscription subscription, Instant now) {
		long period = Duration.between(subscription.currentPeriodStart, subscription.currentPeriodEnd).toSeconds();
		long remaining = Duration.between(now, subscription.currentPeriodEnd).toSeconds();
		if (period <= 0 || remaining <= 0) {
			return 0;
		}
		return BigDecimal.valueOf(price.unitAmount())
			.multiply(BigDecimal.valueOf(quantity))
			.multiply(BigDecimal.valueOf(remaining))
			.divide(BigDecimal.valueOf(period), 0, RoundingMode.HALF_UP)
			.longValueExact();
	}

	private static String describe(String what, Price price, int quantity, Instant now) {
		String times = (quantity == 1) ? "" : quantity + " × ";
		return what + " " + times + Invoicing.nameOf(price) + " after " + DATE.format(now);
	}

	private static List<InvoiceLine> concat(List<InvoiceLine> pending, List<InvoiceLine> prorations,
			@Nullable InvoiceLine periodLine) {
		List<InvoiceLine> lines = new ArrayList<>(pending);
		lines.addAll(prorations);
		if (periodLine != null) {
			lines.add(periodLine);
		}
		return lines;
	}

}
