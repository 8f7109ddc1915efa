package io.recurportal.webhook;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs the {@link RefreshWorker} on a thread of its own while the application runs: as
 * long as there is work it runs batch after batch, and otherwise it waits for the poll
 * interval, or less when {@link #wake() woken} by an event recorded on this instance.
 * Every instance runs one; they share the work through the queue's claims.
 */
public final class RefreshScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RefreshScheduler.class);

	private final RefreshWorker worker;

	private final Duration pollInterval;

	private final Duration wakeDelay;

	private final boolean autoStartup;

	private final Object monitor = new Object();

	private volatile boolean running;

	private boolean woken;

	private @Nullable Thread thread;

	/**
	 * Creates a scheduler.
	 * @param worker the worker
	 * @param pollInterval how long to wait when there is no work
	 * @param wakeDelay how long after being woken to look for work: the coalescing
	 * window, after which the waking event's work is due
	 * @param autoStartup whether it starts with the application
	 */
	public RefreshScheduler(RefreshWorker worker, Duration pollInterval, Duration wakeDelay, boolean autoStartup) {
		Assert.notNull(worker, "'worker' must not be null");
		Assert.isTrue((!pollInterval.isNegative() && !pollInterval.isZero()), "'pollInterval' must be positive");
		this.worker = worker;
		this.pollInterval = pollInterval;
		this.wakeDelay = wakeDelay;
		this.autoStartup = autoStartup;
	}

	/**
	 * Tells the scheduler that work was recorded: it looks for work once the coalescing
	 * window has passed, when that is sooner than its next poll.
	 */
	public void wake() {
		if (this.wakeDelay.compareTo(this.pollInterval) >= 0) {
			return;
		}
		synchronized (this.monitor) {
			this.woken = true;
			this.monitor.notifyAll();
		}
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			Thread thread = new Thread(this::loop, "recur-portal-refresh");
			thread.setDaemon(true);
			this.thread = thread;
			thread.start();
		}
	}

	@Override
	public void stop() {
		Thread thread;
		synchronized (this.monitor) {
			this.running = false;
			this.monitor.notifyAll();
			thread = this.thread;
			this.thread = null;
		}
		if (thread != null) {
			try {
				// Work cut short is not lost: its lease ends and it is claimed again.
				thread.join(this.pollInterval.toMillis() + 5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	private void loop() {
		while (this.running) {
			int done = 0;
			try {
				done = this.worker.runOnce();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not look for refresh work; trying again in " + this.pollInterval, ex);
			}
			if (done == 0) {
				pause();
			}
		}
	}

	private void pause() {
		synchronized (this.monitor) {
			try {
				if (!this.woken && this.running) {
					this.monitor.wait(this.pollInterval.toMillis());
				}
				if (this.woken && this.running) {
					this.woken = false;
					this.monitor.wait(Math.max(1, this.wakeDelay.toMillis()));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.running = false;
			}
		}
	}

}
