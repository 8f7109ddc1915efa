package io.recurportal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

import io.recurportal.billing.budget.ProviderCallBudget;

/**
 * Does the refresh work recorded events leave, behind the webhook requests: claims due
 * work, takes the provider calls it needs from the shared {@link ProviderCallBudget}, and
 * hands each piece to the {@link WebhookRefresher}. Work the budget cannot pay for this
 * second is given back for the next; work whose read fails is tried again after a
 * growing backoff, never dropped.
 * <p>
 * {@link RefreshScheduler} calls {@link #runOnce()} in the background. Tests, and
 * providers whose reads cost no rate limit (the sandbox), call {@link #drain()}.
 */
public final class RefreshWorker implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RefreshWorker.class);

	// Drain takes work however far in the future it is due.
	private static final Duration DRAIN_HORIZON = Duration.ofDays(3650);

	private final RefreshQueue queue;

	private final WebhookRefresher refresher;

	private final ProviderCallBudget budget;

	private final Clock clock;

	private int batchSize = 20;

	private Duration lease = Duration.ofMinutes(1);

	private Duration retryBackoff = Duration.ofSeconds(5);

	private Duration maxRetryBackoff = Duration.ofMinutes(10);

	private ExecutorService reads;

	/**
	 * Creates a worker.
	 * @param queue the work
	 * @param refresher does each piece
	 * @param budget the provider calls background work may make
	 * @param clock the clock work is due and leased on
	 */
	public RefreshWorker(RefreshQueue queue, WebhookRefresher refresher, ProviderCallBudget budget, Clock clock) {
		Assert.notNull(queue, "'queue' must not be null");
		Assert.notNull(refresher, "'refresher' must not be null");
		Assert.notNull(budget, "'budget' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.queue = queue;
		this.refresher = refresher;
		this.budget = budget;
		this.clock = clock;
	}

	/**
	 * Sets how many pieces of work one run claims.
	 * @param batchSize the number, positive
	 */
	public void setBatchSize(int batchSize) {
		Assert.isTrue(batchSize > 0, "'batchSize' must be positive");
		this.batchSize = batchSize;
	}

	/**
	 * Sets how many reads of one batch run at once. One at a time, an instance makes at
	 * most one call per provider round trip (10 per second at 100 ms), far below a budget
	 * of 20 or more: the budget, not the latency, should set the pace.
	 * @param concurrency the number, positive; 1 reads on the calling thread
	 */
	public void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency > 0, "'concurrency' must be positive");
		close();
		AtomicInteger threads = new AtomicInteger();
		this.reads = (concurrency == 1) ? null : Executors.newFixedThreadPool(concurrency, (task) -> {
			Thread thread = new Thread(task, "recur-portal-refresh-read-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Stops the threads of concurrent reads, if any.
	 */
	@Override
	public void close() {
		if (this.reads != null) {
			this.reads.shutdownNow();
			this.reads = null;
		}
	}

	/**
	 * Sets how long claimed work stays this worker's: work not completed by then is
	 * claimed again by any worker, as after a crash.
	 * @param lease the lease, positive
	 */
	public void setLease(Duration lease) {
		Assert.isTrue((!lease.isNegative() && !lease.isZero()), "'lease' must be positive");
		this.lease = lease;
	}

	/**
	 * Sets the wait before failed work is tried again, doubled with each failure up to a
	 * maximum.
	 * @param retryBackoff the first wait, positive
	 * @param maxRetryBackoff the longest wait, not shorter than the first
	 */
	public void setRetryBackoff(Duration retryBackoff, Duration maxRetryBackoff) {
		Assert.isTrue((!retryBackoff.isNegative() && !retryBackoff.isZero()), "'retryBackoff' must be positive");
		Assert.isTrue(maxRetryBackoff.compareTo(retryBackoff) >= 0,
				"'maxRetryBackoff' must not be shorter than 'retryBackoff'");
		this.retryBackoff = retryBackoff;
		this.maxRetryBackoff = maxRetryBackoff;
	}

	/**
	 * Does one batch of due work, as far as the provider budget allows.
	 * @return how many pieces of work were claimed and tried
	 */
	public int runOnce() {
		Instant now = this.clock.instant();
		List<RefreshWork> claimed = this.queue.claim(now, now, this.batchSize, now.plus(this.lease), newClaimId());
		if (claimed.isEmpty()) {
			return 0;
		}
		int needed = 0;
		for (RefreshWork work : claimed) {
			needed += this.refresher.calls(work);
		}
		int granted = this.budget.acquire(needed);
		Instant nextSecond = Instant.ofEpochSecond(now.getEpochSecond() + 1);
		List<RefreshWork> paid = new ArrayList<>();
		for (RefreshWork work : claimed) {
			int calls = this.refresher.calls(work);
			if (calls > granted) {
				this.queue.release(work, nextSecond, false);
				continue;
			}
			granted -= calls;
			paid.add(work);
		}
		ExecutorService reads = this.reads;
		if (reads == null || paid.size() < 2) {
			paid.forEach(this::attempt);
		}
		else {
			// Each piece is one object, read and stored in transactions of its own.
			CompletableFuture
				.allOf(paid.stream()
					.map((work) -> CompletableFuture.runAsync(() -> attempt(work), reads))
					.toArray(CompletableFuture[]::new))
				.join();
		}
		return paid.size();
	}

	/**
	 * Does all work waiting now, however far in the future it is due, without asking the
	 * provider budget: for tests, and for providers whose reads cost no rate limit. Work
	 * another worker holds is left to it.
	 * @return how many pieces of work were completed
	 */
	public int drain() {
		int completed = 0;
		boolean progress = true;
		while (progress) {
			Instant now = this.clock.instant();
			List<RefreshWork> claimed = this.queue.claim(now.plus(DRAIN_HORIZON), now, this.batchSize,
					now.plus(this.lease), newClaimId());
			progress = false;
			for (RefreshWork work : claimed) {
				if (attempt(work)) {
					completed++;
					progress = true;
				}
			}
		}
		return completed;
	}

	private boolean attempt(RefreshWork work) {
		try {
			return this.refresher.refresh(work);
		}
		catch (RuntimeException ex) {
			Duration backoff = backoff(work.attempts());
			logger.warn("Could not refresh " + work.key() + " (attempt " + (work.attempts() + 1) + "); trying again in "
					+ backoff, ex);
			this.queue.release(work, this.clock.instant().plus(backoff), true);
			return false;
		}
	}

	private Duration backoff(int attempts) {
		Duration backoff = this.retryBackoff;
		for (int i = 0; i < attempts && backoff.compareTo(this.maxRetryBackoff) < 0; i++) {
			backoff = backoff.multipliedBy(2);
		}
		return (backoff.compareTo(this.maxRetryBackoff) > 0) ? this.maxRetryBackoff : backoff;
	}

	private static String newClaimId() {
		return UUID.randomUUID().toString();
	}

}
