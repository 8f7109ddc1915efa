package io.recurportal.billing.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.util.Assert;

/**
 * The sandbox's clock: a base clock moved forward by an offset that tests and demos
 * advance, so a month of renewals takes no time. Always in UTC.
 * <p>
 * Thread-safe: the offset is held in an {@link AtomicReference}.
 */
public final class SandboxClock extends Clock {

	private final Clock base;

	private final AtomicReference<Duration> offset;

	private SandboxClock(Clock base, AtomicReference<Duration> offset) {
		this.base = base;
		this.offset = offset;
	}

	/**
	 * A clock that follows the system clock, moved by whatever has been advanced.
	 * @return a new clock
	 */
	public static SandboxClock system() {
		return new SandboxClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
	}

	/**
	 * A clock that stands still at an instant until advanced, for tests.
	 * @param instant the time it shows
	 * @return a new clock
	 */
	public static SandboxClock fixed(Instant instant) {
		Assert.notNull(instant, "'instant' must not be null");
		return new SandboxClock(Clock.fixed(instant, ZoneOffset.UTC), new AtomicReference<>(Duration.ZERO));
	}

	/**
	 * Moves the clock forward. Never backwards: a sandbox that already renewed a
	 * subscription cannot un-renew it.
	 * @param duration how far, zero or positive
	 * @return the time after the move
	 */
	public Instant advance(Duration duration) {
		Assert.notNull(duration, "'duration' must not be null");
		Assert.isTrue(!duration.isNegative(), "'duration' must not be negative");
		Duration moved = this.offset.accumulateAndGet(duration, Duration::plus);
		return this.base.instant().plus(moved);
	}

	/**
	 * How far the clock has been advanced from its base.
	 * @return the offset
	 */
	public Duration offset() {
		return this.offset.get();
	}

	@Override
	public Instant instant() {
		return this.base.instant().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/**
	 * A view of this clock in another zone; it moves when this clock is advanced.
	 * @param zone the zone
	 * @return the view, or this clock for UTC
	 */
	@Override
	public Clock withZone(ZoneId zone) {
		Assert.notNull(zone, "'zone' must not be null");
		return (ZoneOffset.UTC.equals(zone)) ? this : new ZonedView(this, zone);
	}

	@Override
	public String toString() {
		return "SandboxClock[" + this.base + " + " + this.offset.get() + "]";
	}

	/**
	 * The same instants in another zone.
	 */
	private static final class ZonedView extends Clock {

		private final SandboxClock clock;

		private final ZoneId zone;

		ZonedView(SandboxClock clock, ZoneId zone) {
			this.clock = clock;
			this.zone = zone;
		}

		@Override
		public Instant instant() {
			return this.clock.instant();
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this.clock.withZone(zone);
		}

	}

}
