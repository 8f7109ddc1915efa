package io.recurportal.billing.fake;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import io.recurportal.billing.BillingEventSink;

/**
 * The fake provider's event source: hands each change its gateway announces to the
 * portal's processing, as Stripe's webhook and the sandbox's bridge do for theirs.
 */
public final class FakeEventSource implements InitializingBean, DisposableBean {

	private final FakeBillingGateway gateway;

	private final BillingEventSink sink;

	public FakeEventSource(FakeBillingGateway gateway, BillingEventSink sink) {
		this.gateway = gateway;
		this.sink = sink;
	}

	@Override
	public void afterPropertiesSet() {
		this.gateway.setListener(this.sink::process);
	}

	@Override
	public void destroy() {
		this.gateway.setListener(null);
	}

}
