package io.recurportal.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Records what the portal does as Micrometer meters. Tag values come from the portal's
 * own vocabulary (action names, error codes, provider operations, verified event types),
 * never from what a caller sends, so their number stays small.
 * <ul>
 * <li>{@value #ACTIONS} (counter): portal actions by {@code action} and {@code result}
 * ({@code succeeded} or the error code).</li>
 * <li>{@value #PROVIDER_CALLS} (timer): calls to the billing provider by {@code provider},
 * {@code operation} and {@code outcome}.</li>
 * <li>{@value #WEBHOOK_EVENTS} (counter): webhook events by {@code type} and {@code result};
 * {@value #WEBHOOK_LAG} (timer): from the provider creating an event to its processing,
 * by {@code type}.</li>
 * <li>{@value #TOKEN_REDEMPTIONS} (counter): portal links (login links too) opened, by
 * {@code result}.</li>
 * </ul>
 */
public final class PortalMetrics {

	/** The counter of portal actions. */
	public static final String ACTIONS = "recur.portal.actions";

	/** The timer of calls to the billing provider. */
	public static final String PROVIDER_CALLS = "recur.portal.provider.calls";

	/** The counter of webhook events. */
	public static final String WEBHOOK_EVENTS = "recur.portal.webhook.events";

	/** The timer of how late webhook events are processed. */
	public static final String WEBHOOK_LAG = "recur.portal.webhook.lag";

	/** The counter of token redemptions. */
	public static final String TOKEN_REDEMPTIONS = "recur.portal.token.redemptions";

	private static final PortalMetrics NONE = new PortalMetrics(new CompositeMeterRegistry());

	private final MeterRegistry registry;

	/**
	 * Creates metrics recorded in a registry.
	 * @param registry the registry
	 */
	public PortalMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	/**
	 * Metrics that record nothing, for a portal without a meter registry.
	 * @return the metrics
	 */
	public static PortalMetrics none() {
		return NONE;
	}

	/**
	 * Records a portal action.
	 * @param action the action's name
	 * @param result {@code succeeded}, or the error code it failed with
	 */
	public void action(String action, String result) {
		Counter.builder(ACTIONS)
			.description("Portal actions taken")
			.tag("action", action)
			.tag("result", result)
			.register(this.registry)
			.increment();
	}

	/**
	 * Records a call to the billing provider.
	 * @param provider the provider's name
	 * @param operation what was asked, such as {@code GET /v1/customers/{id}}
	 * @param outcome {@code success}, or what kind of failure
	 * @param duration how long it took
	 */
	public void providerCall(String provider, String operation, String outcome, Duration duration) {
		Timer.builder(PROVIDER_CALLS)
			.description("Calls to the billing provider")
			.tag("provider", provider)
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(duration);
	}

	/**
	 * Records a webhook event.
	 * @param type the event's type, once its signature is verified; {@code unknown} before
	 * @param result what became of it
	 * @param lag from the provider creating the event to now, when it was processed
	 */
	public void webhookEvent(String type, String result, @Nullable Duration lag) {
		Counter.builder(WEBHOOK_EVENTS)
			.description("Webhook events received")
			.tag("type", type)
			.tag("result", result)
			.register(this.registry)
			.increment();
		if (lag != null) {
			webhookLag(type, lag);
		}
	}

	/**
	 * Records how long after the provider created an event its effect was stored.
	 * @param type the event's type
	 * @param lag from the provider creating the event to its refresh being stored
	 */
	public void webhookLag(String type, Duration lag) {
		Timer.builder(WEBHOOK_LAG)
			.description("Time from the provider creating an event to its processing")
			.tag("type", type)
			.register(this.registry)
			.record(lag.isNegative() ? Duration.ZERO : lag);
	}

	/**
	 * Registers a gauge, read when metrics are published.
	 * @param name the gauge's name
	 * @param description what it measures
	 * @param baseUnit its unit, or {@code null}
	 * @param value reads the value
	 */
	public void gauge(String name, String description, @Nullable String baseUnit, Supplier<Number> value) {
		Gauge.builder(name, value).description(description).baseUnit(baseUnit).strongReference(true)
			.register(this.registry);
	}

	/**
	 * Records an attempt to open a portal link.
	 * @param result {@code redeemed}, {@code malformed}, or {@code refused} (unknown,
	 * already used or expired)
	 */
	public void tokenRedemption(String result) {
		Counter.builder(TOKEN_REDEMPTIONS)
			.description("Portal links opened, or refused")
			.tag("result", result)
			.register(this.registry)
			.increment();
	}

}
