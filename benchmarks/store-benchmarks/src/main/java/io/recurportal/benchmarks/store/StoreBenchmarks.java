package io.recurportal.benchmarks.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the store benchmarks and prints one table: benchmark 4 (portal link tokens
 * created and redeemed per second, and the same-token redemption race) and benchmark 5
 * (webhook events ingested per second with duplicates), each against its baseline
 * measured in the same run. One embedded PostgreSQL serves the whole run, each JMH fork
 * in a fresh database of its own, and is stopped at the end. Exits with 1 when a token
 * was redeemed twice or not at all, when a redelivery was processed or a new event
 * skipped, or when a benchmark failed.
 */
public final class StoreBenchmarks {

	private static final int[] THREADS = { 1, 8, 32 };

	private static final int RACE_TOKENS = 2000;

	private static final int[] RACERS = { 8, 32 };

	// The stores run far more Java per operation than the baselines (Spring JDBC, JSON,
	// transactions) and at one thread reach steady state only after some 10 s of warmup on
	// two busy cores; shorter warmups understate them against their baselines.
	private static final int WARMUP_ITERATIONS = 3;

	private static final int WARMUP_SECONDS = 4;

	private static final int MEASUREMENT_ITERATIONS = 3;

	private static final int MEASUREMENT_SECONDS = 3;

	private static final String TOKENS = TokenBenchmarks.class.getName();

	private static final String WEBHOOKS = WebhookBenchmarks.class.getName();

	private StoreBenchmarks() {
	}

	public static void main(String[] args) {
		List<String> problems = new ArrayList<>();
		List<RedemptionRace.Result> races = new ArrayList<>();
		List<RunResult> results = new ArrayList<>();
		String version;
		String settings;
		try (PostgresServer server = PostgresServer.start()) {
			try (BenchmarkDatabase database = BenchmarkDatabase.create(server)) {
				version = database.query("SELECT version()");
				settings = "synchronous_commit=" + database.query("SHOW synchronous_commit") + ", pool of "
						+ BenchmarkDatabase.POOL_SIZE + " connections per fork, "
						+ Runtime.getRuntime().availableProcessors() + " CPUs, Java " + Runtime.version();
				for (int racers : RACERS) {
					RedemptionRace.Result race = RedemptionRace.run(database, RACE_TOKENS, racers);
					races.add(race);
					System.out.printf(Locale.ROOT, "Redemption race: %d tokens x %d racers: %d double redemptions,"
							+ " %d never redeemed%n", race.tokens(), race.racers(), race.doubleRedemptions(),
							race.neverRedeemed());
					if (!race.passed()) {
						problems.add(race.doubleRedemptions() + " double redemptions and " + race.neverRedeemed()
								+ " tokens never redeemed with " + racers + " racers");
					}
				}
			}
			for (int threads : THREADS) {
				Options options = new OptionsBuilder().include("^" + Pattern.quote(TOKENS) + "\\.")
					.include("^" + Pattern.quote(WEBHOOKS) + "\\.")
					.threads(threads)
					.forks(1)
					.warmupIterations(WARMUP_ITERATIONS)
					.warmupTime(TimeValue.seconds(WARMUP_SECONDS))
					.measurementIterations(MEASUREMENT_ITERATIONS)
					.measurementTime(TimeValue.seconds(MEASUREMENT_SECONDS))
					.jvmArgsAppend("-D" + PostgresServer.PORT_PROPERTY + "=" + server.port())
					.build();
				try {
					results.addAll(new Runner(options).run());
				}
				catch (RunnerException ex) {
					problems.add("JMH failed with " + threads + " threads: " + ex.getMessage());
				}
			}
		}

		Table table = new Table();
		for (int threads : THREADS) {
			Optional<RunResult> tokens = find(results, TOKENS + ".createAndRedeem", threads);
			Optional<RunResult> tokensBaseline = find(results, TOKENS + ".baselineInsertUpdateSelect", threads);
			table.add("4 token create+redeem", threads, tokens, tokensBaseline,
					tokens.isPresent() ? "every new token redeemed once" : "");
			Optional<RunResult> webhooks = find(results, WEBHOOKS + ".ingest", threads);
			Optional<RunResult> webhooksBaseline = find(results, WEBHOOKS + ".baselineClaimInsert", threads);
			table.add("5 webhook ingest, 20% dup", threads, webhooks, webhooksBaseline,
					webhooks.map((result) -> deduplication(result, problems, threads)).orElse(""));
			webhooksBaseline.ifPresent((result) -> deduplication(result, problems, threads));
			if (tokens.isEmpty() || tokensBaseline.isEmpty() || webhooks.isEmpty() || webhooksBaseline.isEmpty()) {
				problems.add("A benchmark with " + threads + " threads failed; see its output above");
			}
		}
		for (RedemptionRace.Result race : races) {
			table.addRace(race);
		}

		System.out.println();
		System.out.println("Store benchmarks on embedded " + version);
		System.out.println(settings);
		System.out.println();
		table.print();
		System.out.println();
		System.out.println("ops/s: mean of the measurement iterations (min-max); ratio = ops/s / baseline ops/s, both"
				+ " measured in this run at the same thread count.");
		System.out.println("4  measured: JdbcPortalSessionStore create + redeem as PortalSessions does them (random"
				+ " token, SHA-256, INSERT; UPDATE ... WHERE accessed_at IS NULL RETURNING),");
		System.out.println("   without the provider's customer lookup. baseline: plain JDBC INSERT, conditional"
				+ " UPDATE and SELECT of one narrow row (3 round trips, the store's 2).");
		System.out.println("   race: " + RACE_TOKENS + " tokens, each redeemed by all racers at the same moment;"
				+ " ops/s = redemption attempts/s. Double redemptions must be 0.");
		System.out.println("5  measured: Stripe-Signature check + event read + WebhookEventRecorder.process: claim"
				+ " (JdbcWebhookEventStore) and the subscription's refresh work (JdbcRefreshQueue),");
		System.out.println("   one transaction, no provider call (the worker reads each subscription once,"
				+ " drained after the trial, unmeasured); no HTTP. 20% of deliveries are"
				+ " redeliveries of earlier events. baseline: plain JDBC");
		System.out.println("   INSERT ... ON CONFLICT DO NOTHING of the same deliveries' event ids. Counts are of"
				+ " the measurement iterations; skipped must equal redeliveries.");
		System.out.println();
		System.out.println("JMH: -wi " + WARMUP_ITERATIONS + " -w " + WARMUP_SECONDS + "s -i " + MEASUREMENT_ITERATIONS
				+ " -r " + MEASUREMENT_SECONDS + "s -f 1 -t " + joined(THREADS) + " -p duplicateRatio=0.2");
		System.out.println("Command: "
				+ ProcessHandle.current().info().commandLine().orElse("java -jar store-benchmarks.jar"));
		if (!problems.isEmpty()) {
			System.out.println();
			problems.forEach((problem) -> System.out.println("FAILED: " + problem));
			System.exit(1);
		}
		System.exit(0);
	}

	private static String deduplication(RunResult result, List<String> problems, int threads) {
		Map<String, Result> counters = result.getSecondaryResults();
		long unique = count(counters, "unique");
		long duplicates = count(counters, "duplicates");
		long processed = count(counters, "processed");
		long skipped = count(counters, "skipped");
		if (processed != unique || skipped != duplicates) {
			problems.add(result.getParams().getBenchmark() + " with " + threads + " threads: " + processed
					+ " of " + unique + " new events processed, " + skipped + " of " + duplicates
					+ " redeliveries skipped");
		}
		return String.format(Locale.ROOT, "dup skipped %d/%d, new processed %d/%d", skipped, duplicates, processed,
				unique);
	}

	private static long count(Map<String, Result> counters, String name) {
		Result counter = counters.get(name);
		return (counter != null) ? Math.round(counter.getScore()) : -1;
	}

	private static Optional<RunResult> find(List<RunResult> results, String benchmark, int threads) {
		return results.stream()
			.filter((result) -> result.getParams().getBenchmark().equals(benchmark)
					&& result.getParams().getThreads() == threads)
			.findFirst();
	}

	private static String joined(int[] values) {
		StringBuilder joined = new StringBuilder();
		for (int value : values) {
			joined.append((joined.length() > 0) ? "," : "").append(value);
		}
		return joined.toString();
	}

	/**
	 * The printed table.
	 */
	private static final class Table {

		private static final String FORMAT = "%-26s %7s %8s %-15s %14s %6s  %s%n";

		private final List<String[]> rows = new ArrayList<>();

		void add(String name, int threads, Optional<RunResult> measured, Optional<RunResult> baseline,
				String check) {
			String ratio = (measured.isPresent() && baseline.isPresent())
					? String.format(Locale.ROOT, "%.2f", measured.get().getPrimaryResult().getScore()
							/ baseline.get().getPrimaryResult().getScore())
					: "-";
			this.rows.add(new String[] { name, Integer.toString(threads),
					measured.map((result) -> number(result.getPrimaryResult().getScore())).orElse("FAILED"),
					measured.map((result) -> range(result.getPrimaryResult().getStatistics())).orElse(""),
					baseline.map((result) -> number(result.getPrimaryResult().getScore())).orElse("FAILED"), ratio,
					check });
		}

		void addRace(RedemptionRace.Result race) {
			this.rows.add(new String[] { "4 same-token redeem race", Integer.toString(race.racers()),
					number(race.attemptsPerSecond()), "", "-", "-",
					String.format(Locale.ROOT, "double redemptions: %d, never redeemed: %d (%d tokens)",
							race.doubleRedemptions(), race.neverRedeemed(), race.tokens()) });
		}

		void print() {
			System.out.printf(Locale.ROOT, FORMAT, "benchmark", "threads", "ops/s", "(min-max)", "baseline ops/s",
					"ratio", "double redemptions / duplicates skipped");
			for (String[] row : this.rows) {
				System.out.printf(Locale.ROOT, FORMAT, (Object[]) row);
			}
		}

		private static String range(Statistics statistics) {
			return "(" + number(statistics.getMin()) + "-" + number(statistics.getMax()) + ")";
		}

		private static String number(double value) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}

	}

}
