package io.recurportal.benchmarks.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.recurportal.session.JdbcPortalSessionStore;

/**
 * The contention check of benchmark 4: many threads redeem the same token at the same
 * moment, token after token, and every token must be redeemed exactly once.
 */
final class RedemptionRace {

	private RedemptionRace() {
	}

	/**
	 * Creates tokens, then lets racers redeem each of them at once: all racers wait at a
	 * barrier and then redeem the same token.
	 * @param database the database
	 * @param tokenCount how many tokens
	 * @param racers how many threads redeem each token
	 * @return the counts
	 */
	static Result run(BenchmarkDatabase database, int tokenCount, int racers) {
		PortalLinkTokens tokens = new PortalLinkTokens(
				new JdbcPortalSessionStore(database.dataSource(), database.transactions(), BenchmarkDatabase.TABLE_PREFIX));
		List<String> created = new ArrayList<>(tokenCount);
		for (int i = 0; i < tokenCount; i++) {
			created.add(tokens.create());
		}
		AtomicIntegerArray redemptions = new AtomicIntegerArray(tokenCount);
		CyclicBarrier start = new CyclicBarrier(racers);
		ExecutorService executor = Executors.newFixedThreadPool(racers);
		long began = System.nanoTime();
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int r = 0; r < racers; r++) {
				running.add(executor.submit(() -> {
					for (int i = 0; i < tokenCount; i++) {
						await(start);
						if (tokens.redeem(created.get(i)).isPresent()) {
							redemptions.incrementAndGet(i);
						}
					}
					return null;
				}));
			}
			for (Future<?> racer : running) {
				racer.get(10, TimeUnit.MINUTES);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("A racer failed", ex);
		}
		finally {
			executor.shutdownNow();
		}
		double seconds = (System.nanoTime() - began) / 1e9;
		int twice = 0;
		int never = 0;
		for (int i = 0; i < tokenCount; i++) {
			int count = redemptions.get(i);
			if (count > 1) {
				twice++;
			}
			else if (count == 0) {
				never++;
			}
		}
		return new Result(tokenCount, racers, twice, never, (long) tokenCount * racers / seconds);
	}

	private static void await(CyclicBarrier barrier) throws InterruptedException {
		try {
			barrier.await(1, TimeUnit.MINUTES);
		}
		catch (BrokenBarrierException | TimeoutException ex) {
			throw new IllegalStateException("The racers lost each other", ex);
		}
	}

	/**
	 * What a race found.
	 *
	 * @param tokens how many tokens were raced for
	 * @param racers how many threads redeemed each
	 * @param doubleRedemptions tokens redeemed more than once; must be 0
	 * @param neverRedeemed tokens no racer got; must be 0
	 * @param attemptsPerSecond redemption attempts per second, all racers together
	 */
	record Result(int tokens, int racers, int doubleRedemptions, int neverRedeemed, double attemptsPerSecond) {

		boolean passed() {
			return this.doubleRedemptions == 0 && this.neverRedeemed == 0;
		}

	}

}
