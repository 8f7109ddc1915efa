package io.recurportal.testsupport;

import java.time.Instant;
import java.util.Map;

import io.recurportal.billing.BillingInterval;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Price;
import io.recurportal.billing.Product;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;

/**
 * Subscriptions with every field set, for store and webhook tests.
 */
public final class TestSubscriptions {

	/** A fixed time the subscriptions are created at. */
	public static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	private TestSubscriptions() {
	}

	public static Subscription active(String id) {
		return subscription(id, SubscriptionStatus.ACTIVE, CREATED);
	}

	public static Subscription subscription(String id, SubscriptionStatus status, Instant created) {
		Product product = new Product("prod_pro", "Pro", "Everything", true,
				Map.of("entitlements", "reports,exports", "tier", "2"));
		Price price = new Price("price_pro_monthly", product, "Pro monthly", "usd", 1900, BillingInterval.MONTH, 1,
				true, Map.of("b", "2", "a", "1", "c", "3"));
		return new Subscription(id, "cus_1", status, price, 1, created, created.plusSeconds(30 * 86400), false, null,
				null, null, null, null, "pm_1", "in_1", created);
	}

	public static Subscription canceledAtPeriodEnd(Subscription subscription) {
		return new Subscription(subscription.id(), subscription.customerId(), subscription.status(),
				subscription.price(), subscription.quantity(), subscription.currentPeriodStart(),
				subscription.currentPeriodEnd(), true, new CancellationReason("too_expensive", "Costs too much"),
				subscription.currentPeriodStart().plusSeconds(60), null, null, null,
				subscription.defaultPaymentMethodId(), subscription.latestInvoiceId(), subscription.created());
	}

	public static Subscription withStatus(Subscription subscription, SubscriptionStatus status) {
		return new Subscription(subscription.id(), subscription.customerId(), status, subscription.price(),
				subscription.quantity(), subscription.currentPeriodStart(), subscription.currentPeriodEnd(),
				subscription.cancelAtPeriodEnd(), subscription.cancellationReason(), subscription.canceledAt(),
				subscription.endedAt(), subscription.trialEnd(), subscription.resumesAt(),
				subscription.defaultPaymentMethodId(), subscription.latestInvoiceId(), subscription.created());
	}

}
