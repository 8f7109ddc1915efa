package io.recurportal.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Starts {@link StartupHost} in fresh JVMs with and without the starter, interleaved,
 * and prints the median time to ready of each, the time the starter adds and the ratio,
 * then where that time goes: Spring's start-up steps of one recorded run of each, and
 * the same comparison with lazy initialization.
 * <p>
 * Time to ready is measured from starting the {@code java} process to the host's
 * {@code BENCH-READY} line (after Tomcat listens and the application is ready), so it
 * includes the JVM's own start and all class loading. Both sides have the same code,
 * arguments and JVM options; only the class path differs.
 */
public final class StartupBenchmarks {

	private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

	static {
		DEFAULTS.put("runs", "7");
		DEFAULTS.put("warmup", "1");
		DEFAULTS.put("lazy-runs", "3");
		DEFAULTS.put("provider", "sandbox");
		DEFAULTS.put("top", "25");
		DEFAULTS.put("jvm-options", "");
	}

	private StartupBenchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
		for (String arg : args) {
			if (arg.equals("--help")) {
				System.out.println("Options (key=value): " + DEFAULTS + "; provider is sandbox or stripe.");
				return;
			}
			String[] pair = arg.split("=", 2);
			if (pair.length != 2 || !DEFAULTS.containsKey(pair[0])) {
				throw new IllegalArgumentException("Unknown option " + arg + "; known: " + DEFAULTS.keySet());
			}
			options.put(pair[0], pair[1]);
		}
		Path directory = jarDirectory();
		String self = directory.resolve("startup-benchmarks.jar").toString();
		String host = Files.readString(directory.resolve("host.classpath")).trim();
		String portal = Files.readString(directory.resolve("portal.classpath")).trim();
		String bareClasspath = self + File.pathSeparator + host;
		String portalClasspath = bareClasspath + File.pathSeparator + portal;
		List<String> appArgs = appArguments(options.get("provider"));
		List<String> jvmOptions = options.get("jvm-options").isBlank() ? List.of()
				: Arrays.asList(options.get("jvm-options").trim().split("\\s+"));

		System.out.printf(Locale.ROOT, "Start-up of one minimal host (Spring MVC, its own JWT resource server)%n");
		System.out.printf(Locale.ROOT, "java %s, %d CPUs, provider %s, JVM options [%s]%n",
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
				options.get("provider"), String.join(" ", jvmOptions));
		System.out.printf(Locale.ROOT, "class path: host %.1f MB in %d jars; with the starter %.1f MB in %d jars%n%n",
				megabytes(bareClasspath), jars(bareClasspath), megabytes(portalClasspath), jars(portalClasspath));

		int runs = Integer.parseInt(options.get("runs"));
		int warmup = Integer.parseInt(options.get("warmup"));
		// runs=0 lazy-runs=0 prints only where the time goes (two starts instead of dozens).
		Pair eager = interleaved(bareClasspath, portalClasspath, jvmOptions, appArgs, (runs > 0) ? warmup : 0, runs);
		if (runs > 0) {
			print("eager (the default)", eager);
		}
		int lazyRuns = Integer.parseInt(options.get("lazy-runs"));
		if (runs > 0 && lazyRuns > 0) {
			List<String> lazyOptions = new ArrayList<>(jvmOptions);
			lazyOptions.add("-Dspring.main.lazy-initialization=true");
			Pair lazy = interleaved(bareClasspath, portalClasspath, lazyOptions, appArgs, 0, lazyRuns);
			print("lazy initialization (-Dspring.main.lazy-initialization=true)", lazy);
			System.out.printf(Locale.ROOT,
					"  => of the %d ms the starter adds, %d ms remain with lazy beans: class loading, configuration "
							+ "parsing, conditions and the beans Spring must create anyway (filters, chains, MVC "
							+ "mappings)%n%n",
					eager.added(), lazy.added());
		}
		List<String> stepOptions = new ArrayList<>(jvmOptions);
		stepOptions.add("-Dbench.steps=true");
		Run bareSteps = start(bareClasspath, stepOptions, appArgs);
		Run portalSteps = start(portalClasspath, stepOptions, appArgs);
		printSteps(bareSteps, portalSteps, Integer.parseInt(options.get("top")));
	}

	private static List<String> appArguments(String provider) {
		List<String> args = new ArrayList<>();
		if (provider.equals("stripe")) {
			// A test key and an address nothing answers on: start-up must not call Stripe.
			args.add("--recur.portal.billing=stripe");
			args.add("--recur.portal.stripe.secret-key=sk_test_startup_bench");
			args.add("--recur.portal.stripe.api-base=http://127.0.0.1:9");
			args.add("--recur.portal.webhook.secrets=whsec_startup_bench");
			args.add("--recur.portal.login.enabled=false");
		}
		else if (!provider.equals("sandbox")) {
			throw new IllegalArgumentException("provider is sandbox or stripe");
		}
		return args;
	}

	private static Pair interleaved(String bare, String portal, List<String> jvmOptions, List<String> appArgs,
			int warmup, int runs) throws Exception {
		List<Run> bareRuns = new ArrayList<>();
		List<Run> portalRuns = new ArrayList<>();
		for (int i = 0; i < warmup + runs; i++) {
			// ABBA: each side goes first every other round, so a trend on the machine hits both.
			boolean bareFirst = i % 2 == 0;
			Run first = start(bareFirst ? bare : portal, jvmOptions, appArgs);
			Run second = start(bareFirst ? portal : bare, jvmOptions, appArgs);
			if (i >= warmup) {
				bareRuns.add(bareFirst ? first : second);
				portalRuns.add(bareFirst ? second : first);
			}
		}
		return new Pair(bareRuns, portalRuns);
	}

	private static void print(String title, Pair pair) {
		long bare = median(pair.bare().stream().map(Run::wallMillis).toList());
		long portal = median(pair.portal().stream().map(Run::wallMillis).toList());
		System.out.printf(Locale.ROOT, "%s, median of %d interleaved runs each:%n", title, pair.bare().size());
		System.out.printf(Locale.ROOT, "  %-22s %8s %10s %9s %7s   %s%n", "", "ready ms", "JVM uptime", "classes",
				"beans", "each run (ms)");
		row("host alone", pair.bare());
		row("host with the starter", pair.portal());
		System.out.printf(Locale.ROOT, "  added: %d ms, ratio %.2f (target: at most +250 ms)%n%n", portal - bare,
				(double) portal / bare);
	}

	private static void row(String name, List<Run> runs) {
		System.out.printf(Locale.ROOT, "  %-22s %8d %10d %9d %7d   %s%n", name,
				median(runs.stream().map(Run::wallMillis).toList()), median(runs.stream().map(Run::uptime).toList()),
				median(runs.stream().map(Run::classes).toList()), median(runs.stream().map(Run::beans).toList()),
				runs.stream().map((run) -> String.valueOf(run.wallMillis())).collect(Collectors.joining(" ")));
	}

	private static void printSteps(Run bare, Run portal, int top) {
		System.out.printf(Locale.ROOT, "Where the time goes: one recorded run of each (BufferingApplicationStartup), "
				+ "own time of each step (its duration less its children's)%n");
		Map<String, Long> bareByName = byName(bare.steps());
		Map<String, Long> portalByName = byName(portal.steps());
		System.out.printf(Locale.ROOT, "  %-52s %9s %9s %9s%n", "step", "host ms", "+starter", "added");
		TreeMap<Long, List<String>> order = new TreeMap<>();
		for (String name : portalByName.keySet()) {
			long added = portalByName.get(name) - bareByName.getOrDefault(name, 0L);
			order.computeIfAbsent(-added, (key) -> new ArrayList<>()).add(name);
		}
		order.values().stream().flatMap(List::stream).limit(12).forEach((name) -> {
			long host = bareByName.getOrDefault(name, 0L);
			long with = portalByName.get(name);
			System.out.printf(Locale.ROOT, "  %-52s %9.1f %9.1f %9.1f%n", name, host / 1000.0, with / 1000.0,
					(with - host) / 1000.0);
		});
		long bareTotal = bareByName.values().stream().mapToLong(Long::longValue).sum();
		long portalTotal = portalByName.values().stream().mapToLong(Long::longValue).sum();
		System.out.printf(Locale.ROOT, "  %-52s %9.1f %9.1f %9.1f%n%n", "all steps (from the context's start)",
				bareTotal / 1000.0, portalTotal / 1000.0, (portalTotal - bareTotal) / 1000.0);

		Set<String> hostBeans = bare.steps()
			.stream()
			.filter((step) -> step.name().equals("spring.beans.instantiate"))
			.map(Step::label)
			.collect(Collectors.toSet());
		List<Step> added = portal.steps()
			.stream()
			.filter((step) -> step.name().equals("spring.beans.instantiate") && !hostBeans.contains(step.label()))
			.sorted((a, b) -> Long.compare(b.micros(), a.micros()))
			.toList();
		long addedBeans = added.stream().mapToLong(Step::micros).sum();
		System.out.printf(Locale.ROOT, "Beans the starter adds: %d, %.1f ms of own instantiation time in all; the %d "
				+ "slowest:%n", added.size(), addedBeans / 1000.0, Math.min(top, added.size()));
		added.stream()
			.limit(top)
			.forEach((step) -> System.out.printf(Locale.ROOT, "  %8.1f ms  %s%n", step.micros() / 1000.0,
					step.label()));
	}

	private static Map<String, Long> byName(List<Step> steps) {
		Map<String, Long> byName = new HashMap<>();
		steps.forEach((step) -> byName.merge(step.name(), step.micros(), Long::sum));
		return byName;
	}

	private static Run start(String classpath, List<String> jvmOptions, List<String> appArgs) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classpath);
		command.add(StartupHost.class.getName());
		command.addAll(appArgs);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		long started = System.nanoTime();
		Process process = builder.start();
		Deque<String> tail = new ArrayDeque<>();
		List<Step> steps = new ArrayList<>();
		long ready = 0;
		Map<String, Long> figures = new HashMap<>();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(StartupHost.READY)) {
					ready = System.nanoTime() - started;
					for (String field : line.substring(StartupHost.READY.length()).trim().split(" ")) {
						String[] pair = field.split("=");
						figures.put(pair[0], Long.parseLong(pair[1]));
					}
				}
				else if (line.startsWith(StartupHost.STEP)) {
					String[] fields = line.split("\t", -1);
					steps.add(new Step(Long.parseLong(fields[1]), fields[2], fields[3]));
				}
				else {
					tail.addLast(line);
					if (tail.size() > 40) {
						tail.removeFirst();
					}
				}
			}
		}
		int exit = process.waitFor();
		if (ready == 0) {
			throw new IllegalStateException("The host did not start (exit " + exit + "):\n" + String.join("\n", tail));
		}
		return new Run(ready / 1_000_000, figures.get("uptime"), figures.get("classes"), figures.get("beans"), steps);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static double megabytes(String classpath) {
		return Arrays.stream(classpath.split(File.pathSeparator))
			.map(File::new)
			.filter(File::isFile)
			.mapToLong(File::length)
			.sum() / 1_000_000.0;
	}

	private static long jars(String classpath) {
		return Arrays.stream(classpath.split(File.pathSeparator)).filter((entry) -> entry.endsWith(".jar")).count();
	}

	private static Path jarDirectory() throws URISyntaxException, IOException {
		Path location = Path.of(StartupBenchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path directory = Files.isDirectory(location) ? location.getParent() : location.getParent();
		if (!Files.exists(directory.resolve("host.classpath"))) {
			throw new IllegalStateException("No host.classpath beside " + location + ": build with "
					+ "mvn -Pbenchmarks -pl benchmarks/startup-benchmarks -am package -DskipTests");
		}
		return directory;
	}

	record Run(long wallMillis, long uptime, long classes, long beans, List<Step> steps) {

	}

	record Step(long micros, String name, String label) {

	}

	record Pair(List<Run> bare, List<Run> portal) {

		long added() {
			return median(this.portal.stream().map(Run::wallMillis).toList())
					- median(this.bare.stream().map(Run::wallMillis).toList());
		}

	}

}
