package io.recurportal.billing.fake;

import java.util.List;

import io.recurportal.testsupport.ProviderTestHooks;

/**
 * The fake provider's {@link ProviderTestHooks}, all answered by its own gateway: its
 * log of changes, its checkout page, its events held back for a while.
 */
public final class FakeProviderTestHooks implements ProviderTestHooks {

	private final FakeBillingGateway gateway;

	public FakeProviderTestHooks(FakeBillingGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public String providerName() {
		return FakeProviderConfiguration.NAME;
	}

	@Override
	public long mutationCount() {
		return this.gateway.mutationCount();
	}

	@Override
	public List<String> mutatedObjectIds() {
		return this.gateway.mutatedObjectIds();
	}

	@Override
	public String checkoutUrlPrefix() {
		return FakeProviderConfiguration.ORIGIN + "/checkout/cs_";
	}

	@Override
	public void completeCheckout(String sessionId) {
		this.gateway.completeCheckout(sessionId);
	}

	@Override
	public void withoutEvents(Runnable change) {
		this.gateway.unannounced(change);
	}

}
