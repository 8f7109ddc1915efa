package io.recurportal.webhook;

import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.billing.sandbox.SandboxEvent;

/**
 * Hands the sandbox's events to the same processing as Stripe's webhook, so that with the
 * sandbox a renewal, a failed charge or a cancellation reaches the mirror and the host's
 * listeners as it would with Stripe. There is no HTTP and no signature: the events come
 * from inside the application.
 * <p>
 * It listens only when the gateway is the sandbox itself: a host's own gateway, or a
 * test double put in the sandbox's place, has no events to give.
 */
public final class SandboxEventBridge implements Consumer<SandboxEvent>, InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(SandboxEventBridge.class);

	private final BillingGateway gateway;

	private final WebhookEventProcessor processor;

	/**
	 * Creates a bridge; it listens once initialized, until destroyed.
	 * @param gateway the provider; listened to when it is the sandbox
	 * @param processor the processing shared with Stripe's webhook
	 */
	public SandboxEventBridge(BillingGateway gateway, WebhookEventProcessor processor) {
		Assert.notNull(gateway, "'gateway' must not be null");
		Assert.notNull(processor, "'processor' must not be null");
		this.gateway = gateway;
		this.processor = processor;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.gateway instanceof SandboxBillingGateway sandbox) {
			sandbox.setEventListener(this);
		}
	}

	@Override
	public void destroy() {
		if (this.gateway instanceof SandboxBillingGateway sandbox) {
			sandbox.setEventListener(null);
		}
	}

	/**
	 * Whether sandbox events reach the processing.
	 * @return {@code true} when the gateway is the sandbox
	 */
	public boolean isListening() {
		return this.gateway instanceof SandboxBillingGateway;
	}

	@Override
	public void accept(SandboxEvent event) {
		try {
			this.processor.process(new WebhookEvent(event.id(), event.type(), event.created(), event.customerId(),
					event.subscriptionId(), event.invoiceId(), null));
		}
		catch (RuntimeException ex) {
			// The sandbox does not deliver again; syncing the account (the sync endpoint) catches up.
			logger.warn("Could not process sandbox event " + event.type() + " " + event.id(), ex);
		}
	}

}
