package io.recurportal.billing.budget;

import java.time.Clock;

import org.springframework.util.Assert;

/**
 * A budget of this instance alone, counted per second of a clock.
 */
public final class InMemoryProviderCallBudget implements ProviderCallBudget {

	private final int limit;

	private final Clock clock;

	private long second = Long.MIN_VALUE;

	private int used;

	/**
	 * Creates a budget.
	 * @param limit the calls allowed per second
	 * @param clock the clock seconds are counted on
	 */
	public InMemoryProviderCallBudget(int limit, Clock clock) {
		Assert.isTrue(limit > 0, "'limit' must be positive");
		Assert.notNull(clock, "'clock' must not be null");
		this.limit = limit;
		this.clock = clock;
	}

	@Override
	public synchronized int acquire(int wanted) {
		roll();
		int granted = Math.max(0, Math.min(wanted, this.limit - this.used));
		this.used += granted;
		return granted;
	}

	@Override
	public synchronized int used() {
		roll();
		return this.used;
	}

	@Override
	public int limit() {
		return this.limit;
	}

	private void roll() {
		long now = this.clock.instant().getEpochSecond();
		if (now != this.second) {
			this.second = now;
			this.used = 0;
		}
	}

}
