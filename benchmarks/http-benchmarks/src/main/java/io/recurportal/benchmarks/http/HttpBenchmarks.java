package io.recurportal.benchmarks.http;

import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import org.springframework.context.ConfigurableApplicationContext;

import io.recurportal.benchmarks.http.LoadGenerator.Result;
import io.recurportal.benchmarks.http.host.BenchHostApplication;
import io.recurportal.benchmarks.http.host.BenchTokens;
import io.recurportal.benchmarks.http.stripe.FakeStripe;
import io.recurportal.benchmarks.http.stripe.StripeData;

/**
 * Issue 9, benchmarks 1 to 3, on loopback: a bench host application using the starter
 * with the Stripe provider, a fake Stripe, and a load generator, all in this process and
 * bound to 127.0.0.1. Every phase is time-bounded and the run exits by itself; each table
 * is printed with the command that produced it.
 *
 * @see Options#USAGE
 */
public final class HttpBenchmarks {

	static final String BUILD_COMMAND = "mvn -Pbenchmarks -pl benchmarks/http-benchmarks -am package -DskipTests";

	private final Options options;

	private final FakeStripe stripe;

	private final BenchHttp http;

	private final LoadGenerator load;

	private HttpBenchmarks(Options options, FakeStripe stripe, BenchHttp http) {
		this.options = options;
		this.stripe = stripe;
		this.http = http;
		this.load = new LoadGenerator(http.client());
	}

	public static void main(String[] args) {
		if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
			System.out.print(Options.USAGE);
			return;
		}
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		stopAfter(options.timeLimit());
		int status = 0;
		try {
			run(options);
		}
		catch (Throwable ex) {
			System.out.flush();
			System.err.println("The benchmarks failed:");
			ex.printStackTrace();
			status = 1;
		}
		System.out.flush();
		System.exit(status);
	}

	private static void run(Options options) throws Exception {
		System.out.printf("recur-portal HTTP benchmarks (issue 9, benchmarks 1-3): %s%n", String.join(", ",
				options.benchmarks()));
		System.out.printf("%s, Java %s (%s), %d processors, %s %s%n", Instant.now(),
				System.getProperty("java.version"), System.getProperty("java.vm.name"),
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
				System.getProperty("os.arch"));
		System.out.printf("build: %s%nrun:   %s%n%n", BUILD_COMMAND, command());
		StripeData data = StripeData.generate(options.totalAccounts());
		try (FakeStripe stripe = new FakeStripe(data)) {
			BenchTokens issuer = new BenchTokens();
			long starting = System.nanoTime();
			try (ConfigurableApplicationContext app = BenchHostApplication.start(issuer, stripe.baseUrl())) {
				int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
				System.out.printf("Bench host on http://127.0.0.1:%d (started in %.1f s), fake Stripe on %s with %d "
						+ "accounts; Stripe requests during start-up: %d%n", port,
						(System.nanoTime() - starting) / 1e9, stripe.baseUrl(), data.accounts(), stripe.total());
				BenchHttp http = new BenchHttp(port, issuer, options.totalAccounts());
				HttpBenchmarks benchmarks = new HttpBenchmarks(options, stripe, http);
				benchmarks.checkEndpoints();
				for (String benchmark : options.benchmarks()) {
					long started = System.nanoTime();
					switch (benchmark) {
						case "calls" -> benchmarks.providerCalls();
						case "throughput" -> benchmarks.throughput();
						case "mirror" -> benchmarks.mirrorVersusNaive();
						default -> throw new IllegalStateException(benchmark);
					}
					System.out.printf("(%s took %.0f s)%n%n", benchmark, (System.nanoTime() - started) / 1e9);
				}
			}
		}
	}

	/** The endpoints are what they claim to be: each needs a valid token. */
	private void checkEndpoints() {
		for (String path : List.of(BenchHttp.API, BenchHttp.BARE, BenchHttp.NAIVE)) {
			this.http.expect(401, this.http.anonymous(path));
		}
		this.http.expect(200, this.http.bearer(BenchHttp.BARE, this.options.loadFirst()));
		this.stripe.reset();
		System.out.printf("Checked: %s, %s and %s answer 401 without a bearer token.%n%n", BenchHttp.API,
				BenchHttp.BARE, BenchHttp.NAIVE);
	}

	// Benchmark 1 ---------------------------------------------------------------------

	private void providerCalls() {
		this.stripe.unlimited();
		int n = this.options.callAccounts();
		int warmViews = this.options.warmViews();
		Tally apiCold = new Tally();
		Tally apiWarm = new Tally();
		Tally naive = new Tally();
		for (int i = this.options.apiCallsFirst(); i < this.options.apiCallsFirst() + n; i++) {
			apiCold.add(countedApiView(i));
			for (int view = 0; view < warmViews; view++) {
				apiWarm.add(countedApiView(i));
			}
			this.stripe.reset();
			this.http.expect(200, this.http.bearer(BenchHttp.NAIVE, i));
			naive.add(this.stripe.requests());
		}
		Tally session = new Tally();
		Tally openCold = new Tally();
		Tally overviewFirst = new Tally();
		Tally overviewWarm = new Tally();
		Tally entryCold = new Tally();
		for (int i = this.options.portalCallsFirst(); i < this.options.portalCallsFirst() + n; i++) {
			this.stripe.reset();
			String link = this.http.createPortalSession(i);
			session.add(this.stripe.requests());
			this.stripe.reset();
			String cookie = this.http.openLink(link);
			Map<String, Long> open = this.stripe.requests();
			openCold.add(open);
			Map<String, Long> first = countedOverview(cookie);
			overviewFirst.add(first);
			entryCold.add(sum(open, first));
			for (int view = 0; view < warmViews; view++) {
				overviewWarm.add(countedOverview(cookie));
			}
		}
		// Accounts whose mirror the API views above filled: what opening a link costs then.
		Tally openWarm = new Tally();
		Tally overviewAfterWarmOpen = new Tally();
		for (int i = this.options.apiCallsFirst(); i < this.options.apiCallsFirst() + n; i++) {
			String link = this.http.createPortalSession(i);
			this.stripe.reset();
			String cookie = this.http.openLink(link);
			openWarm.add(this.stripe.requests());
			overviewAfterWarmOpen.add(countedOverview(cookie));
		}
		Table table = new Table("view", "mirror", "provider calls/view", "target", "by Stripe request (per view)");
		table.row("GET /api/subscriptions", "cold: first view of the account", Table.f2(apiCold.perView()),
				target(apiCold.perView() <= 3, "<= 3"), apiCold.breakdown());
		table.row("GET /api/subscriptions", "warm: views 2.." + (warmViews + 1), Table.f2(apiWarm.perView()),
				target(apiWarm.perView() == 0, "0"), apiWarm.breakdown());
		table.row("portal entry: GET /portal/s/{token} + first GET /portal", "cold: first view of the account",
				Table.f2(entryCold.perView()), target(entryCold.perView() <= 3, "<= 3"), entryCold.breakdown());
		table.row("  of which GET /portal/s/{token} (opens the link)", "cold", Table.f2(openCold.perView()), "",
				openCold.breakdown());
		table.row("  of which first GET /portal (overview)", "filled by the link", Table.f2(overviewFirst.perView()),
				"", overviewFirst.breakdown());
		table.row("GET /portal (overview)", "warm: views 2.." + (warmViews + 1), Table.f2(overviewWarm.perView()),
				target(overviewWarm.perView() == 0, "0"), overviewWarm.breakdown());
		table.row("GET /portal/s/{token}", "warm (account viewed by the API)", Table.f2(openWarm.perView()), "",
				openWarm.breakdown());
		table.row("  then first GET /portal", "warm", Table.f2(overviewAfterWarmOpen.perView()), "",
				overviewAfterWarmOpen.breakdown());
		table.row("(host backend) POST /v1/portal/sessions by externalId", "-", Table.f2(session.perView()), "",
				session.breakdown());
		table.row("(baseline) naive GET " + BenchHttp.NAIVE, "none", Table.f2(naive.perView()), "",
				naive.breakdown());
		print("Benchmark 1: provider calls per view (requests the fake Stripe received, averaged over " + n
				+ " accounts per row; no latency, no rate limit)", table,
				"The portal transport retries I/O failures, 409 and 5xx (recur.portal.stripe.max-network-retries, "
						+ "default 2); the fake never answers those, and every request it receives is counted, so a "
						+ "retry would show as an extra call.",
				"calls");
	}

	private Map<String, Long> countedApiView(int account) {
		this.stripe.reset();
		HttpResponse<String> response = this.http.expect(200, this.http.bearer(BenchHttp.API, account));
		if (!response.body().contains("sub_bench")) {
			throw new IllegalStateException("GET /api/subscriptions shows no subscription: "
					+ BenchHttp.abbreviate(response.body()));
		}
		return this.stripe.requests();
	}

	private Map<String, Long> countedOverview(String cookie) {
		this.stripe.reset();
		HttpResponse<String> response = this.http.expect(200, this.http.overview(cookie));
		// The page shows the default card and an invoice: it was rendered from the provider's data.
		if (!response.body().contains("4242") || !response.body().contains("BENCH")) {
			throw new IllegalStateException("The overview lacks the card or the invoices: "
					+ BenchHttp.abbreviate(response.body()));
		}
		return this.stripe.requests();
	}

	private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
		Map<String, Long> sum = new TreeMap<>(a);
		b.forEach((key, count) -> sum.merge(key, count, Long::sum));
		return sum;
	}

	private static String target(boolean met, String target) {
		return target + (met ? " met" : " NOT met");
	}

	/** Requests by kind over several views. */
	private static final class Tally {

		private final Map<String, Long> counts = new TreeMap<>();

		private int views;

		void add(Map<String, Long> requests) {
			this.views++;
			requests.forEach((key, count) -> this.counts.merge(key, count, Long::sum));
		}

		double perView() {
			return (this.views == 0) ? Double.NaN
					: this.counts.values().stream().mapToLong(Long::longValue).sum() / (double) this.views;
		}

		String breakdown() {
			List<String> parts = new ArrayList<>();
			this.counts.forEach((key, count) -> parts.add(key + " " + Table.f2(count / (double) this.views)));
			return parts.isEmpty() ? "-" : String.join(", ", parts);
		}

	}

	// Benchmark 2 ---------------------------------------------------------------------

	private void throughput() {
		this.stripe.unlimited();
		int first = this.options.loadFirst();
		int accounts = this.options.accounts();
		warmMirror(first, accounts);
		IntFunction<HttpRequest> api = (n) -> this.http.bearer(BenchHttp.API, first + n % accounts);
		IntFunction<HttpRequest> bare = (n) -> this.http.bearer(BenchHttp.BARE, first + n % accounts);
		Table table = new Table("clients", "endpoint", "requests", "req/s", "p50 ms", "p99 ms", "non-200",
				"api/bare req/s", "target", "api/bare p50", "api/bare p99");
		long stripeRequests = 0;
		for (int clients : this.options.clients()) {
			this.load.run(clients, this.options.warmup(), api);
			this.load.run(clients, this.options.warmup(), bare);
			this.stripe.reset();
			Duration slice = this.options.measure().dividedBy(this.options.rounds());
			Result apiResult = null;
			Result bareResult = null;
			for (int round = 0; round < this.options.rounds(); round++) {
				// ABBA: neither endpoint always runs first, so drift in the machine hits both.
				boolean apiFirst = round % 2 == 0;
				Result one = this.load.run(clients, slice, apiFirst ? api : bare);
				Result two = this.load.run(clients, slice, apiFirst ? bare : api);
				Result apiRound = apiFirst ? one : two;
				Result bareRound = apiFirst ? two : one;
				apiResult = (apiResult == null) ? apiRound : apiResult.then(apiRound);
				bareResult = (bareResult == null) ? bareRound : bareResult.then(bareRound);
			}
			stripeRequests += this.stripe.total();
			double ratio = apiResult.okPerSecond() / bareResult.okPerSecond();
			table.row(clients, "GET " + BenchHttp.API, apiResult.ok(), Table.f1(apiResult.okPerSecond()),
					Table.f2(apiResult.percentileMillis(0.50)), Table.f2(apiResult.percentileMillis(0.99)),
					apiResult.errorsByStatus(), Table.f2(ratio), target(ratio >= 0.8, ">= 0.8"),
					Table.f2(apiResult.percentileMillis(0.50) / bareResult.percentileMillis(0.50)),
					Table.f2(apiResult.percentileMillis(0.99) / bareResult.percentileMillis(0.99)));
			table.row(clients, "GET " + BenchHttp.BARE, bareResult.ok(), Table.f1(bareResult.okPerSecond()),
					Table.f2(bareResult.percentileMillis(0.50)), Table.f2(bareResult.percentileMillis(0.99)),
					bareResult.errorsByStatus(), "", "", "", "");
		}
		print("Benchmark 2: GET /api/subscriptions against a bare endpoint behind the same security chain "
				+ "(RS256 JWT validated on every request, mirror warm, " + accounts + " accounts, closed loop, "
				+ this.options.warmup().toSeconds() + " s warm-up each, then " + this.options.measure().toSeconds()
				+ " s each in " + this.options.rounds() + " alternating slices)", table,
				"Stripe requests during the measured windows: " + stripeRequests
						+ ". Latency is send to answer as the load generator sees it, 200s only.",
				"throughput");
	}

	/** Views every account once, so its mirror is filled, then checks that a view costs no call. */
	private void warmMirror(int first, int accounts) {
		for (int i = first; i < first + accounts; i++) {
			this.http.expect(200, this.http.bearer(BenchHttp.API, i));
		}
		this.stripe.reset();
		for (int i = first; i < first + accounts; i++) {
			this.http.expect(200, this.http.bearer(BenchHttp.API, i));
		}
		if (this.stripe.total() != 0) {
			System.out.printf("NOTE: views of %d warm accounts still made %d Stripe requests: %s%n", accounts,
					this.stripe.total(), this.stripe.requests());
		}
	}

	// Benchmark 3 ---------------------------------------------------------------------

	private void mirrorVersusNaive() {
		this.stripe.unlimited();
		int first = this.options.loadFirst();
		int cold = this.options.coldFirst();
		int accounts = this.options.accounts();
		int clients = this.options.mirrorClients();
		Duration duration = this.options.mirrorDuration();
		warmMirror(first, accounts);
		// A browser session per account for the overview side, opened while the provider is fast.
		String[] cookies = new String[accounts];
		for (int i = 0; i < accounts; i++) {
			cookies[i] = this.http.openLink(this.http.createPortalSession(first + i));
		}
		IntFunction<HttpRequest> mirror = (n) -> this.http.bearer(BenchHttp.API, first + n % accounts);
		IntFunction<HttpRequest> naive = (n) -> this.http.bearer(BenchHttp.NAIVE, first + n % accounts);
		IntFunction<HttpRequest> overview = (n) -> this.http.overview(cookies[n % accounts]);
		IntFunction<HttpRequest> mirrorCold = (n) -> this.http.bearer(BenchHttp.API, cold + n % accounts);
		// Every code path compiled before the provider turns slow.
		this.load.run(clients, Duration.ofSeconds(2), naive);
		this.load.run(clients, Duration.ofSeconds(2), overview);
		this.load.run(clients, Duration.ofSeconds(2), mirror);

		Side warm = side(mirror, clients, duration);
		Side proxy = side(naive, clients, duration);
		Side page = side(overview, clients, duration);
		Side coldStart = side(mirrorCold, clients, duration);
		this.stripe.unlimited();

		Table table = new Table("side", "accounts", "views/s (200)", "non-200", "p50 ms", "p99 ms",
				"Stripe requests", "of which 429", "Stripe req/200 view", "views/s vs naive");
		double naiveRate = proxy.result.okPerSecond();
		row(table, "mirror: GET " + BenchHttp.API, accounts + ", mirror warmed first", warm, naiveRate);
		row(table, "naive: GET " + BenchHttp.NAIVE, accounts + ", no mirror", proxy, naiveRate);
		row(table, "portal overview: GET " + BenchHttp.PORTAL, accounts + ", mirror warm, browser session", page,
				naiveRate);
		row(table, "mirror, cold start: GET " + BenchHttp.API, accounts + " others, mirror empty", coldStart,
				naiveRate);
		int rate = this.options.ratePerSecond();
		print("Benchmark 3: mirror against a naive proxy, provider answering in " + this.options.latency().toMillis()
				+ " ms and serving " + rate + " requests/s (429 rate_limit_error beyond), " + clients
				+ " closed-loop clients, " + duration.toSeconds() + " s per side, one side after the other, a full "
				+ "rate-limit bucket at each start", table,
				"Mirror/naive views/s ratio: " + Table.f1(warm.result.okPerSecond() / naiveRate)
						+ " (mirror warmed first); with a cold mirror: "
						+ Table.f1(coldStart.result.okPerSecond() / naiveRate) + ". At 2 calls a view the naive side "
						+ "could serve at most " + Table.f1(rate / 2.0) + " views/s even with clients that wait: "
						+ "against that bound the mirror serves " + Table.f1(warm.result.okPerSecond() / (rate / 2.0))
						+ " times as many.\n"
						+ "Non-200s are the provider's 429s surfacing (portal: 503 provider_unavailable; naive: 503); "
						+ "clients send their next request at once, with no back-off. Neither transport retries a 429 "
						+ "(the fake sends no Stripe-Should-Retry header) and every try is counted. Latency: 200s only.",
				"mirror");
	}

	private static void row(Table table, String side, String accounts, Side measured, double naiveRate) {
		Result result = measured.result;
		table.row(side, accounts, Table.f1(result.okPerSecond()), result.errorsByStatus(),
				Table.f2(result.percentileMillis(0.5)), Table.f2(result.percentileMillis(0.99)),
				measured.stripeRequests, measured.rateLimited, Table.f2(measured.perView()),
				Table.f1(result.okPerSecond() / naiveRate));
	}

	private Side side(IntFunction<HttpRequest> requests, int clients, Duration duration) {
		// A fresh bucket: each side starts with the same allowance.
		this.stripe.limit(this.options.latency(), this.options.ratePerSecond());
		this.stripe.reset();
		Result result = this.load.run(clients, duration, requests);
		return new Side(result, this.stripe.total(), this.stripe.rateLimited());
	}

	private record Side(Result result, long stripeRequests, long rateLimited) {

		double perView() {
			return (this.result.ok() == 0) ? Double.NaN : this.stripeRequests / (double) this.result.ok();
		}

	}

	// Output --------------------------------------------------------------------------

	private static void print(String title, Table table, String note, String benchmark) {
		System.out.println(title);
		System.out.println();
		System.out.print(table.render());
		System.out.println();
		System.out.println(note);
		System.out.println("command: " + command());
		System.out.println("         (this table alone: " + commandFor(benchmark) + ")");
		System.out.println();
		System.out.flush();
	}

	/** The command line of this run, as typed from the repository root. */
	static String command() {
		String javaCommand = System.getProperty("sun.java.command", HttpBenchmarks.class.getName());
		List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
		String options = jvm.isEmpty() ? "" : String.join(" ", jvm) + " ";
		String main = javaCommand.split(" ", 2)[0];
		return "java " + options + (main.endsWith(".jar") ? "-jar " : "-cp <classpath> ") + javaCommand;
	}

	private static String commandFor(String benchmark) {
		String javaCommand = System.getProperty("sun.java.command", HttpBenchmarks.class.getName());
		String main = javaCommand.split(" ", 2)[0];
		List<String> settings = new ArrayList<>();
		String[] parts = javaCommand.split(" ");
		for (int i = 1; i < parts.length; i++) {
			if (parts[i].contains("=")) {
				settings.add(parts[i]);
			}
		}
		return "java " + (main.endsWith(".jar") ? "-jar " : "-cp <classpath> ") + main + " " + benchmark
				+ (settings.isEmpty() ? "" : " " + String.join(" ", settings));
	}

	private static void stopAfter(Duration limit) {
		Thread watchdog = new Thread(() -> {
			try {
				Thread.sleep(limit.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			System.out.flush();
			System.err.println("The run took longer than its time limit (" + limit.toSeconds() + " s): stopped.");
			Runtime.getRuntime().halt(3);
		}, "time-limit");
		watchdog.setDaemon(true);
		watchdog.start();
	}

}
