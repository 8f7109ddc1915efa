package io.recurportal.benchmarks.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to run and for how long: benchmark names ({@code calls}, {@code throughput},
 * {@code mirror}; all three when none is named) and {@code key=value} settings.
 */
record Options(Set<String> benchmarks, int accounts, int callAccounts, int warmViews, List<Integer> clients,
		Duration warmup, Duration measure, int rounds, int mirrorClients, Duration mirrorDuration,
		Duration latency, int ratePerSecond, Duration timeLimit) {

	static final List<String> BENCHMARKS = List.of("calls", "throughput", "mirror");

	static final String USAGE = """
			usage: java -jar http-benchmarks.jar [calls] [throughput] [mirror] [key=value ...]
			  calls       benchmark 1: provider calls per portal view, cold and warm
			  throughput  benchmark 2: GET /api/subscriptions against a bare endpoint behind the same chain
			  mirror      benchmark 3: mirror against a naive proxy, with a slow rate-limited provider
			settings (defaults):
			  accounts=200         accounts the load spreads over
			  call-accounts=20     accounts benchmark 1 averages over (per view kind)
			  warm-views=3         warm views per account in benchmark 1
			  clients=8,32         concurrent clients of benchmark 2
			  warmup=3             seconds of warm-up per endpoint and client count (benchmark 2)
			  seconds=10           measured seconds per endpoint and client count (benchmark 2)
			  rounds=5             alternations the measured seconds are split into (benchmark 2)
			  mirror-clients=32    concurrent clients of benchmark 3
			  mirror-seconds=15    measured seconds per side (benchmark 3)
			  latency-ms=100       provider latency in benchmark 3
			  rate=25              provider requests per second in benchmark 3
			  time-limit=480       seconds after which the run stops itself, finished or not
			""";

	static Options parse(String... args) {
		Set<String> benchmarks = new LinkedHashSet<>();
		int accounts = 200;
		int callAccounts = 20;
		int warmViews = 3;
		List<Integer> clients = List.of(8, 32);
		int warmup = 3;
		int seconds = 10;
		int rounds = 5;
		int mirrorClients = 32;
		int mirrorSeconds = 15;
		int latencyMs = 100;
		int rate = 25;
		int timeLimit = 480;
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals < 0) {
				if (arg.equals("all")) {
					benchmarks.addAll(BENCHMARKS);
				}
				else if (BENCHMARKS.contains(arg)) {
					benchmarks.add(arg);
				}
				else {
					throw new IllegalArgumentException("Unknown benchmark '" + arg + "'\n" + USAGE);
				}
				continue;
			}
			String key = arg.substring(0, equals);
			String value = arg.substring(equals + 1);
			switch (key) {
				case "accounts" -> accounts = positive(key, value);
				case "call-accounts" -> callAccounts = positive(key, value);
				case "warm-views" -> warmViews = positive(key, value);
				case "clients" -> {
					List<Integer> parsed = new ArrayList<>();
					Arrays.stream(value.split(",")).forEach((part) -> parsed.add(positive(key, part.trim())));
					clients = List.copyOf(parsed);
				}
				case "warmup" -> warmup = positive(key, value);
				case "seconds" -> seconds = positive(key, value);
				case "rounds" -> rounds = positive(key, value);
				case "mirror-clients" -> mirrorClients = positive(key, value);
				case "mirror-seconds" -> mirrorSeconds = positive(key, value);
				case "latency-ms" -> latencyMs = positive(key, value);
				case "rate" -> rate = positive(key, value);
				case "time-limit" -> timeLimit = positive(key, value);
				default -> throw new IllegalArgumentException("Unknown setting '" + key + "'\n" + USAGE);
			}
		}
		// Always in this order: benchmark 1 needs accounts no other benchmark has viewed.
		Set<String> ordered = new LinkedHashSet<>();
		BENCHMARKS.stream().filter((name) -> benchmarks.isEmpty() || benchmarks.contains(name)).forEach(ordered::add);
		return new Options(ordered, accounts, callAccounts, warmViews, clients, Duration.ofSeconds(warmup),
				Duration.ofSeconds(seconds), rounds, mirrorClients, Duration.ofSeconds(mirrorSeconds),
				Duration.ofMillis(latencyMs), rate, Duration.ofSeconds(timeLimit));
	}

	private static int positive(String key, String value) {
		try {
			int parsed = Integer.parseInt(value);
			if (parsed > 0) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("'" + key + "' must be a positive number, not '" + value + "'\n" + USAGE);
	}

	/** Accounts of the load: {@code [0, accounts)}, viewed warm. */
	int loadFirst() {
		return 0;
	}

	/** Accounts of benchmark 3's cold mirror: {@code [accounts, 2 * accounts)}. */
	int coldFirst() {
		return this.accounts;
	}

	/** Accounts of benchmark 1's API views: never viewed before it. */
	int apiCallsFirst() {
		return 2 * this.accounts;
	}

	/** Accounts of benchmark 1's portal views: never viewed before it. */
	int portalCallsFirst() {
		return 2 * this.accounts + this.callAccounts;
	}

	int totalAccounts() {
		return 2 * this.accounts + 2 * this.callAccounts;
	}

}
