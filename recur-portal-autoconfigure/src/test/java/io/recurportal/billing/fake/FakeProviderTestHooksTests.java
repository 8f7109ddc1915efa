package io.recurportal.billing.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventSink.Outcome;
import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.testsupport.TestSandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The fake's hooks answer as the sandbox's do, from the fake alone: a change counted once
 * per idempotency key, its checkout on its own origin and paid at its desk, changes made
 * unheard while the source stays attached.
 */
class FakeProviderTestHooksTests {

	private final SandboxBillingGateway ledger = TestSandbox.create();

	private final FakeBillingGateway gateway = new FakeBillingGateway(this.ledger,
			(sessionId) -> this.ledger.completeCheckoutSession(sessionId, "4242 4242 4242 4242", 12, 2034));

	private final FakeProviderTestHooks hooks = new FakeProviderTestHooks(this.gateway);

	private final List<BillingEvent> heard = new ArrayList<>();

	@BeforeEach
	void attach() {
		new FakeEventSource(this.gateway, (event) -> {
			this.heard.add(event);
			return Outcome.PROCESSED;
		}).afterPropertiesSet();
	}

	@Test
	void aChangeIsCountedOncePerIdempotencyKeyAndAFailedOneNot() {
		this.gateway.cancel("sub_active", CancelTiming.PERIOD_END, CancellationReason.NONE, "key_1");
		this.gateway.cancel("sub_active", CancelTiming.PERIOD_END, CancellationReason.NONE, "key_1");
		assertThat(this.hooks.mutationCount()).isEqualTo(1);
		this.gateway.reactivate("sub_active", "key_2");
		assertThatException()
			.isThrownBy(() -> this.gateway.cancel("sub_nope", CancelTiming.PERIOD_END, CancellationReason.NONE,
					"key_3"));
		assertThat(this.hooks.mutationCount()).isEqualTo(2);
		assertThat(this.hooks.mutatedObjectIds()).containsExactly("sub_active", "sub_active");
	}

	@Test
	void checkoutIsOnTheFakesOriginAndPaidAtItsDesk() {
		CheckoutSession session = this.gateway.createCheckoutSession(new CheckoutSessionRequest(CheckoutMode.SETUP,
				"cus_active", null, null, "https://app.example.com/ok", "https://app.example.com/back", Map.of()),
				"checkout-1");
		assertThat(session.url()).isEqualTo(FakeProviderConfiguration.ORIGIN + "/checkout/" + session.id())
			.startsWith(this.hooks.checkoutUrlPrefix());
		this.hooks.completeCheckout(session.id());
		CheckoutSession paid = this.gateway.findCheckoutSession(session.id()).orElseThrow();
		assertThat(paid.status()).isEqualTo(CheckoutStatus.COMPLETE);
		assertThat(paid.url()).isNull();
		assertThat(this.heard).last()
			.extracting(BillingEvent::type, BillingEvent::name)
			.containsExactly(BillingEventType.CHECKOUT_COMPLETED, "fake.checkout.paid");
	}

	@Test
	void changesMadeWithoutEventsAreUnheardAndLaterOnesHeard() {
		this.hooks.withoutEvents(() -> this.gateway.cancel("sub_active", CancelTiming.PERIOD_END,
				CancellationReason.NONE, "key_1"));
		assertThat(this.heard).isEmpty();
		assertThat(this.gateway.findSubscription("sub_active").orElseThrow().cancelAtPeriodEnd()).isTrue();
		this.gateway.reactivate("sub_active", "key_2");
		assertThat(this.heard).extracting(BillingEvent::subscriptionId).containsExactly("sub_active");
	}

}
