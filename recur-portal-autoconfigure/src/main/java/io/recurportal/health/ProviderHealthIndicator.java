package io.recurportal.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.ProviderInfo;
import io.recurportal.billing.ProviderStatus;
import io.recurportal.error.PortalException;

/**
 * The billing provider's health, from {@link BillingGateway#checkConnection()}: UP when
 * the provider answers and accepts the key; DOWN when it refuses the key
 * ({@code invalid_api_key}, {@code insufficient_permissions}), cannot be reached or does
 * not answer in time ({@code unreachable}), or fails ({@code provider_error}); UNKNOWN
 * when it is rate limiting ({@code rate_limited}: the key may well be fine, and every
 * instance shares the limit, so going DOWN would only make it worse) or the gateway
 * offers no check. The details name the provider, its mode ({@code live} or
 * {@code test}), the reason and when the provider was asked; never a key.
 * <p>
 * Each check is a request to the provider, which rate-limits them, while probes may come
 * every few seconds: a result is reused for a configurable time, and concurrent health
 * requests wait for one check rather than each making their own.
 * <p>
 * Spring Boot puts no custom indicator in the {@code liveness} or {@code readiness}
 * group. Keep this one out of liveness (restarting an instance does not fix Stripe) and,
 * usually, out of readiness: every instance shares the provider, so an outage would take
 * all of them out of the load balancer at once, including the pages that do not need
 * the provider. Alert on it instead.
 */
public final class ProviderHealthIndicator implements HealthIndicator {

	private static final Log logger = LogFactory.getLog(ProviderHealthIndicator.class);

	private final BillingGateway gateway;

	private final Duration timeToLive;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	/** Guarded by lock. */
	private @Nullable Health cached;

	/** Guarded by lock. */
	private Instant cachedUntil = Instant.MIN;

	/**
	 * Creates an indicator.
	 * @param gateway the gateway to ask
	 * @param timeToLive how long a result is reused; zero asks on every call
	 */
	public ProviderHealthIndicator(BillingGateway gateway, Duration timeToLive) {
		this(gateway, timeToLive, Clock.systemUTC());
	}

	ProviderHealthIndicator(BillingGateway gateway, Duration timeToLive, Clock clock) {
		Assert.notNull(gateway, "'gateway' must not be null");
		Assert.notNull(timeToLive, "'timeToLive' must not be null");
		Assert.isTrue(!timeToLive.isNegative(), "'timeToLive' must not be negative");
		this.gateway = gateway;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	@Override
	public Health health() {
		this.lock.lock();
		try {
			Instant now = this.clock.instant();
			Health health = this.cached;
			if (health == null || !now.isBefore(this.cachedUntil)) {
				health = check(now);
				this.cached = health;
				this.cachedUntil = now.plus(this.timeToLive);
			}
			return health;
		}
		finally {
			this.lock.unlock();
		}
	}

	private Health check(Instant now) {
		ProviderInfo provider = this.gateway.providerInfo();
		ProviderStatus status = connectionStatus();
		Health.Builder health = Health.status(statusOf(status.state()))
			.withDetail("provider", provider.name())
			.withDetail("mode", provider.liveMode() ? "live" : "test");
		if (status.state() != ProviderStatus.State.AVAILABLE) {
			health.withDetail("reason", status.state().code());
			if (status.message() != null) {
				health.withDetail("message", status.message());
			}
		}
		return health.withDetail("checkedAt", now.toString()).build();
	}

	private ProviderStatus connectionStatus() {
		try {
			return this.gateway.checkConnection();
		}
		catch (RuntimeException ex) {
			// Only the portal's own exceptions carry messages made to be shown; another's might name a key.
			logger.warn("The billing gateway's connection check failed", ex);
			String message = (ex instanceof PortalException) ? ex.getMessage()
					: "The connection check failed with " + ex.getClass().getName();
			return new ProviderStatus(ProviderStatus.State.PROVIDER_ERROR, message);
		}
	}

	private static Status statusOf(ProviderStatus.State state) {
		return switch (state) {
			case AVAILABLE -> Status.UP;
			case RATE_LIMITED, UNKNOWN -> Status.UNKNOWN;
			case INVALID_API_KEY, INSUFFICIENT_PERMISSIONS, UNREACHABLE, PROVIDER_ERROR -> Status.DOWN;
		};
	}

}
