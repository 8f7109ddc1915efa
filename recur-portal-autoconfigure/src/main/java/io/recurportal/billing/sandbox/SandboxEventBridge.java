package io.recurportal.billing.sandbox;

import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventSink;
import io.recurportal.billing.BillingGateway;

/**
 * The sandbox's event source: hands its events to the same processing as any provider's,
 * so that with the sandbox a renewal, a failed charge or a cancellation reaches the
 * mirror and the host's listeners as it would with Stripe. There is no HTTP and no
 * signature: the events come from inside the application.
 * <p>
 * It listens only when the gateway is the sandbox itself: a test double put in the
 * sandbox's place has no events to give.
 */
public final class SandboxEventBridge implements Consumer<SandboxEvent>, InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(SandboxEventBridge.class);

	private final BillingGateway gateway;

	private final BillingEventSink processor;

	private Runnable afterEvent = () -> {
	};

	/**
	 * Creates a bridge; it listens once initialized, until destroyed.
	 * @param gateway the provider; listened to when it is the sandbox
	 * @param processor the portal's processing of provider events
	 */
	public SandboxEventBridge(BillingGateway gateway, BillingEventSink processor) {
		Assert.notNull(gateway, "'gateway' must not be null");
		Assert.notNull(processor, "'processor' must not be null");
		this.gateway = gateway;
		this.processor = processor;
	}

	/**
	 * Sets what runs after each event was handed over: the portal's refresh of what the
	 * events recorded, so a sandbox user sees a change at once. Reading the sandbox costs
	 * no provider's rate limit, so nothing is gained by waiting.
	 * @param afterEvent the work, for example draining the refresh work
	 */
	public void setAfterEvent(Runnable afterEvent) {
		Assert.notNull(afterEvent, "'afterEvent' must not be null");
		this.afterEvent = afterEvent;
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
			this.processor.process(new BillingEvent(event.id(), event.type(), event.type().value(), event.created(), event.customerId(),
					event.subscriptionId(), event.invoiceId(), null, event.paymentMethodId()));
			this.afterEvent.run();
		}
		catch (RuntimeException ex) {
			// The sandbox does not deliver again; syncing the account (the sync endpoint) catches up.
			logger.warn("Could not process sandbox event " + event.type().value() + " " + event.id(), ex);
		}
	}

}
