package io.recurportal.billing.fake;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventSink.Outcome;
import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.testsupport.TestSandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The fake provider's changes reach the portal's processing as provider-neutral events
 * in the fake's own names, while its source is attached, and not after.
 */
class FakeEventSourceTests {

	private final FakeBillingGateway gateway = new FakeBillingGateway(TestSandbox.create());

	private final List<BillingEvent> processed = new ArrayList<>();

	private final FakeEventSource source = new FakeEventSource(this.gateway, (event) -> {
		this.processed.add(event);
		return Outcome.PROCESSED;
	});

	@Test
	void changesAreProcessedAsNeutralEventsInTheFakesNames() {
		this.source.afterPropertiesSet();
		this.gateway.cancel("sub_active", CancelTiming.PERIOD_END, new CancellationReason(null, null), "key_1");
		this.gateway.reactivate("sub_active", "key_2");
		assertThat(this.processed)
			.extracting(BillingEvent::type, BillingEvent::name, BillingEvent::customerId, BillingEvent::subscriptionId)
			.containsExactly(
					tuple(BillingEventType.SUBSCRIPTION_UPDATED, "fake.subscription.changed", "cus_active",
							"sub_active"),
					tuple(BillingEventType.SUBSCRIPTION_UPDATED, "fake.subscription.changed", "cus_active",
							"sub_active"));
	}

	@Test
	void detachedThenNothingIsProcessed() {
		this.source.afterPropertiesSet();
		this.source.destroy();
		this.gateway.cancel("sub_active", CancelTiming.PERIOD_END, new CancellationReason(null, null), "key_1");
		assertThat(this.processed).isEmpty();
	}

}
