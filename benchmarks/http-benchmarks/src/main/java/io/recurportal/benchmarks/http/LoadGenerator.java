package io.recurportal.benchmarks.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator: {@code clients} threads, each sending its next request as
 * soon as the previous answer has arrived, for a fixed time. Only answers that arrive
 * within the window count; the window closes by itself and a request in flight then is
 * bounded by the request timeout.
 */
final class LoadGenerator {

	/** The longest any single request may take. */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	private final HttpClient client;

	LoadGenerator(HttpClient client) {
		this.client = client;
	}

	/**
	 * Runs one window.
	 * @param clients concurrent clients
	 * @param duration length of the window
	 * @param requests the {@code n}th request of the run (client {@code c} sends
	 * {@code c}, {@code c + clients}, ...), so consecutive requests spread over accounts
	 * @return what was answered in the window
	 */
	Result run(int clients, Duration duration, IntFunction<HttpRequest> requests) {
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		Worker[] workers = new Worker[clients];
		Thread[] threads = new Thread[clients];
		for (int c = 0; c < clients; c++) {
			workers[c] = new Worker(c, clients, deadline, requests);
			threads[c] = new Thread(workers[c], "load-" + c);
			threads[c].setDaemon(true);
			threads[c].start();
		}
		long joinDeadline = deadline + REQUEST_TIMEOUT.toNanos() + Duration.ofSeconds(5).toNanos();
		for (Thread thread : threads) {
			try {
				thread.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		Result result = Result.empty();
		for (Worker worker : workers) {
			result = result.plus(new Result(duration.toNanos(), worker.statuses, Arrays.copyOf(worker.latencies,
					worker.count)));
		}
		return result;
	}

	private final class Worker implements Runnable {

		private final int first;

		private final int step;

		private final long deadline;

		private final IntFunction<HttpRequest> requests;

		private final Map<Integer, Long> statuses = new TreeMap<>();

		private long[] latencies = new long[4096];

		private int count;

		Worker(int first, int step, long deadline, IntFunction<HttpRequest> requests) {
			this.first = first;
			this.step = step;
			this.deadline = deadline;
			this.requests = requests;
		}

		@Override
		public void run() {
			for (int n = this.first;; n += this.step) {
				HttpRequest request = this.requests.apply(n);
				long sent = System.nanoTime();
				if (sent >= this.deadline) {
					return;
				}
				int status;
				try {
					status = LoadGenerator.this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				}
				catch (IOException ex) {
					status = -1;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				long answered = System.nanoTime();
				if (answered > this.deadline) {
					return;
				}
				this.statuses.merge(status, 1L, Long::sum);
				if (status == 200) {
					if (this.count == this.latencies.length) {
						this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
					}
					this.latencies[this.count++] = answered - sent;
				}
			}
		}

	}

	/**
	 * Answers in one or more windows.
	 *
	 * @param nanos total length of the windows
	 * @param statuses answers by status ({@code -1}: no answer, an I/O failure or timeout)
	 * @param latencies nanoseconds from send to answer of each 200
	 */
	record Result(long nanos, Map<Integer, Long> statuses, long[] latencies) {

		static Result empty() {
			return new Result(0, Map.of(), new long[0]);
		}

		Result plus(Result other) {
			Map<Integer, Long> merged = new TreeMap<>(this.statuses);
			other.statuses.forEach((status, count) -> merged.merge(status, count, Long::sum));
			long[] all = Arrays.copyOf(this.latencies, this.latencies.length + other.latencies.length);
			System.arraycopy(other.latencies, 0, all, this.latencies.length, other.latencies.length);
			return new Result(Math.max(this.nanos, other.nanos), merged, all);
		}

		/** The same answers over consecutive windows: their lengths add up. */
		Result then(Result next) {
			Result merged = plus(next);
			return new Result(this.nanos + next.nanos, merged.statuses, merged.latencies);
		}

		long ok() {
			return this.statuses.getOrDefault(200, 0L);
		}

		long errors() {
			return this.statuses.entrySet()
				.stream()
				.filter((entry) -> entry.getKey() != 200)
				.mapToLong(Map.Entry::getValue)
				.sum();
		}

		double okPerSecond() {
			return (this.nanos > 0) ? ok() / (this.nanos / 1e9) : 0;
		}

		/**
		 * A percentile of the 200s' latencies.
		 * @param q between 0 and 1
		 * @return milliseconds, or NaN without any 200
		 */
		double percentileMillis(double q) {
			if (this.latencies.length == 0) {
				return Double.NaN;
			}
			long[] sorted = this.latencies.clone();
			Arrays.sort(sorted);
			int index = (int) Math.ceil(q * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
		}

		String errorsByStatus() {
			StringBuilder text = new StringBuilder();
			this.statuses.forEach((status, count) -> {
				if (status != 200) {
					text.append((text.length() > 0) ? ", " : "")
						.append((status == -1) ? "no answer" : status.toString())
						.append(": ")
						.append(count);
				}
			});
			return (text.length() > 0) ? text.toString() : "-";
		}

	}

}
