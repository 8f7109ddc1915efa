package io.recurportal.testsupport;

import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.billing.sandbox.SandboxEventBridge;
import io.recurportal.billing.sandbox.SandboxMutation;

/**
 * The sandbox's {@link ProviderTestHooks}: its mutation log, its checkout with a test
 * card, and its event bridge detached for a while.
 */
public final class SandboxProviderTestHooks implements ProviderTestHooks {

	private final SandboxBillingGateway sandbox;

	private final SandboxEventBridge events;

	public SandboxProviderTestHooks(SandboxBillingGateway sandbox, SandboxEventBridge events) {
		this.sandbox = sandbox;
		this.events = events;
	}

	@Override
	public String providerName() {
		return "sandbox";
	}

	@Override
	public long mutationCount() {
		return this.sandbox.mutationCount();
	}

	@Override
	public List<String> mutatedObjectIds() {
		return this.sandbox.mutations().stream().map(SandboxMutation::objectId).toList();
	}

	@Override
	public String checkoutUrlPrefix() {
		return "/portal/sandbox/checkout/cs_";
	}

	@Override
	public void completeCheckout(String sessionId) {
		this.sandbox.completeCheckoutSession(sessionId, "4242 4242 4242 4242", 12, 2034);
	}

	@Override
	public void withoutEvents(Runnable change) {
		this.sandbox.setEventListener(null);
		try {
			change.run();
		}
		finally {
			this.sandbox.setEventListener(this.events);
		}
	}

	/**
	 * Registers the sandbox's hooks beside the sandbox the auto-configuration made.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		SandboxProviderTestHooks sandboxProviderTestHooks(SandboxBillingGateway sandbox, SandboxEventBridge events) {
			return new SandboxProviderTestHooks(sandbox, events);
		}

	}

}
