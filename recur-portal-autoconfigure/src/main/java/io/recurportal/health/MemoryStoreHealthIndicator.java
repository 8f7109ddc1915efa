package io.recurportal.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of the portal's in-memory stores: always UP, with the detail
 * {@code store: memory} so an operator sees that sessions, the subscription mirror and
 * webhook event ids live in this instance only and are lost on restart.
 */
public final class MemoryStoreHealthIndicator implements HealthIndicator {

	private static final Health HEALTH = Health.up().withDetail("store", "memory").build();

	@Override
	public Health health() {
		return HEALTH;
	}

}
