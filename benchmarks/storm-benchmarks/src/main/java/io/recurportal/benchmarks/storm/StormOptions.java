package io.recurportal.benchmarks.storm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings, from {@code -Dstorm.*} system properties; {@link #describe()}
 * prints them with the run so that every figure comes with what produced it.
 */
record StormOptions(int subscriptions, int windowSeconds, double redelivered, double failedPayments,
		int jitterSeconds, int latencyMillis, int stripeRate, int budget, int drainSeconds, int maxInFlight,
		int retrySeconds, long seed, List<String> scenarios, String hostHeap, Map<String, String> hostProperties) {

	/** System properties forwarded to the hosts as they are: the portal's and Spring's. */
	private static final List<String> FORWARDED = List.of("recur.portal.", "spring.", "server.", "logging.");

	/** Forwarded to the hosts without this prefix: {@code -Dstorm.host.x=y} sets {@code x=y}. */
	private static final String HOST_PREFIX = "storm.host.";

	static StormOptions fromSystemProperties() {
		int subscriptions = intOption("storm.subscriptions", 10_000);
		Map<String, String> hostProperties = new LinkedHashMap<>();
		System.getProperties().stringPropertyNames().stream().sorted().forEach((name) -> {
			if (FORWARDED.stream().anyMatch(name::startsWith)) {
				hostProperties.put(name, System.getProperty(name));
			}
			else if (name.startsWith(HOST_PREFIX)) {
				hostProperties.put(name.substring(HOST_PREFIX.length()), System.getProperty(name));
			}
		});
		List<String> scenarios = new ArrayList<>(List.of(System.getProperty("storm.scenarios", "steady,kill").split(",")));
		scenarios.removeIf(String::isBlank);
		for (String scenario : scenarios) {
			if (!scenario.equals("steady") && !scenario.equals("kill")) {
				throw new IllegalArgumentException("storm.scenarios: 'steady' and/or 'kill', not '" + scenario + "'");
			}
		}
		return new StormOptions(subscriptions, intOption("storm.window-seconds", 60),
				doubleOption("storm.redelivered", 0.2), doubleOption("storm.failed-payments", 0.1),
				intOption("storm.jitter-seconds", 5), intOption("storm.latency-ms", 100), intOption("storm.rate", 100),
				intOption("storm.budget", 50), intOption("storm.drain-seconds", 900),
				intOption("storm.max-in-flight", 256), intOption("storm.retry-seconds", 5),
				Long.getLong("storm.seed", 17), scenarios, System.getProperty("storm.host-heap", "512m"),
				hostProperties);
	}

	String describe() {
		StringBuilder text = new StringBuilder();
		text.append("-Dstorm.subscriptions=").append(this.subscriptions)
			.append(" -Dstorm.window-seconds=").append(this.windowSeconds)
			.append(" -Dstorm.redelivered=").append(this.redelivered)
			.append(" -Dstorm.failed-payments=").append(this.failedPayments)
			.append(" -Dstorm.jitter-seconds=").append(this.jitterSeconds)
			.append(" -Dstorm.latency-ms=").append(this.latencyMillis)
			.append(" -Dstorm.rate=").append(this.stripeRate)
			.append(" -Dstorm.budget=").append(this.budget)
			.append(" -Dstorm.drain-seconds=").append(this.drainSeconds)
			.append(" -Dstorm.max-in-flight=").append(this.maxInFlight)
			.append(" -Dstorm.retry-seconds=").append(this.retrySeconds)
			.append(" -Dstorm.seed=").append(this.seed)
			.append(" -Dstorm.scenarios=").append(String.join(",", this.scenarios))
			.append(" -Dstorm.host-heap=").append(this.hostHeap);
		this.hostProperties.forEach((name, value) -> text.append(" -D").append(name).append('=').append(value));
		return text.toString();
	}

	private static int intOption(String name, int defaultValue) {
		String value = System.getProperty(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value.trim().replace("_", ""));
			if (parsed < 0) {
				throw new IllegalArgumentException(name + " must not be negative, not " + value);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", ex);
		}
	}

	private static double doubleOption(String name, double defaultValue) {
		String value = System.getProperty(name);
		if (value == null) {
			return defaultValue;
		}
		double parsed = Double.parseDouble(value.trim());
		if (parsed < 0 || parsed > 1) {
			throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
		}
		return parsed;
	}

}
