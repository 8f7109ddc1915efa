package io.recurportal.billing.fake;

import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.recurportal.billing.BillingEventSink;
import io.recurportal.billing.BillingProvider;
import io.recurportal.billing.BillingProvider.Capability;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.testsupport.TestSandbox;
import io.recurportal.webhook.RefreshWorker;

/**
 * Plugs the fake provider in, the way a provider's auto-configuration does: its gateway,
 * its capabilities and its event source, and the {@link FakeProviderTestHooks} the
 * portal's suites drive it with. Nothing outside this package knows it; the sandbox's
 * and Stripe's auto-configurations back off because there is a gateway.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeProviderConfiguration {

	/** The fake provider's name. */
	public static final String NAME = "fake";

	/** Where the fake's hosted pages would be, for the pages' {@code form-action}. */
	public static final String ORIGIN = "https://pay.fake.example";

	// The ledger is the sandbox's engine seeded from the tests' seed, so the portal's
	// suites find their data; the fake's checkout page pays with a good card.
	@Bean
	FakeBillingGateway fakeBillingGateway() {
		SandboxBillingGateway ledger = TestSandbox.create();
		return new FakeBillingGateway(ledger,
				(sessionId) -> ledger.completeCheckoutSession(sessionId, "4242 4242 4242 4242", 12, 2034));
	}

	@Bean
	FakeProviderTestHooks fakeProviderTestHooks(FakeBillingGateway gateway) {
		return new FakeProviderTestHooks(gateway);
	}

	@Bean
	BillingProvider fakeBillingProvider() {
		return new BillingProvider(NAME, Set.of(Capability.CHECKOUT, Capability.PAUSE, Capability.LOCAL_DEVELOPMENT),
				List.of(ORIGIN));
	}

	@Bean
	FakeEventSource fakeEventSource(FakeBillingGateway gateway, BillingEventSink sink,
			ObjectProvider<RefreshWorker> worker) {
		// An in-process provider, like the sandbox: its changes are read at once.
		RefreshWorker refreshWorker = worker.getIfUnique();
		return new FakeEventSource(gateway, (event) -> {
			BillingEventSink.Outcome outcome = sink.process(event);
			if (refreshWorker != null) {
				refreshWorker.drain();
			}
			return outcome;
		});
	}

}
