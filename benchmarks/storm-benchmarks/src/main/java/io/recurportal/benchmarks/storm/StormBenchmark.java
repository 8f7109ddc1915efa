package io.recurportal.benchmarks.storm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.stripe.net.Webhook;

import io.recurportal.benchmarks.storm.Storm.Event;
import io.recurportal.benchmarks.storm.Storm.Renewal;
import io.recurportal.benchmarks.storm.StormDatabase.MirrorRow;

/**
 * The renewal storm (issue 17): a fake Stripe on 127.0.0.1 with Stripe's latency and rate
 * limit, two portal hosts in JVMs of their own on one embedded PostgreSQL, and a storm of
 * signed webhook events for subscriptions renewing within a window. Prints the webhook
 * answer's latency, Stripe calls per object, the time until every mirror row equals
 * Stripe's final state against its floor, events lost or processed twice and the 429s
 * the portal received; scenario {@code kill} kills one host halfway through the window.
 * <p>
 * Settings are {@code -Dstorm.*} system properties (see {@link StormOptions}); every
 * {@code -Drecur.portal.*} or {@code -Dspring.*} property given is passed on to the hosts.
 * It stops by itself, and exits with 1 when an event was lost or processed twice, or the
 * mirror did not reach Stripe's state before the deadline.
 */
public final class StormBenchmark {

	private static final long RENEWAL_EPOCH = 1_790_000_000L;

	/** Subscriptions after the storm's own that warm both hosts up on the real path. */
	private static final int WARM_UP_SUBSCRIPTIONS = 20;

	private static final Set<String> PAYMENT_EVENTS = Set.of("invoice.paid", "invoice.payment_failed");

	private StormBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (Arrays.asList(args).contains("--help")) {
			System.out.println("java [-Dstorm.subscriptions=10000 -Dstorm.window-seconds=60 ...] -jar storm-benchmarks.jar");
			System.out.println("Defaults: " + StormOptions.fromSystemProperties().describe());
			return;
		}
		StormOptions options = StormOptions.fromSystemProperties();
		System.out.println("Renewal storm: " + options.describe());
		boolean failed = false;
		Path directory = Files.createTempDirectory("storm-benchmark");
		try (StormDatabase database = StormDatabase.start()) {
			for (String scenario : options.scenarios()) {
				failed |= !run(options, scenario, database, directory);
			}
		}
		System.out.println();
		System.out.println("Host logs: " + directory);
		System.out.println("Command: java " + options.describe() + " -jar benchmarks/storm-benchmarks/target/storm-benchmarks.jar");
		System.out.flush();
		System.exit(failed ? 1 : 0);
	}

	private static boolean run(StormOptions options, String scenario, StormDatabase database, Path directory)
			throws Exception {
		System.out.println();
		System.out.println("== Scenario " + scenario + (scenario.equals("kill")
				? ": host B killed (destroyForcibly) halfway through the window" : ": both hosts up throughout"));
		String databaseName = "storm_" + scenario;
		String url = database.create(databaseName);
		int n = options.subscriptions();
		long[] renewedAt = new long[n + WARM_UP_SUBSCRIPTIONS];
		for (int i = 0; i < renewedAt.length; i++) {
			renewedAt[i] = RENEWAL_EPOCH + (i % 86_400);
		}
		List<HostProcess> hosts = new ArrayList<>();
		try (FakeStripe stripe = new FakeStripe(renewedAt.length, renewedAt, options.latencyMillis(), options.stripeRate())) {
			Map<String, String> properties = hostProperties(options, url, stripe.baseUrl());
			long starting = System.nanoTime();
			hosts.add(HostProcess.start("A-" + scenario, directory, options.hostHeap(), properties));
			hosts.add(HostProcess.start("B-" + scenario, directory, options.hostHeap(), properties));
			for (HostProcess host : hosts) {
				host.awaitReady(Duration.ofMinutes(10));
			}
			System.out.printf(Locale.ROOT, "Hosts up in %.1f s (ports %d, %d); warming up%n",
					(System.nanoTime() - starting) / 1e9, hosts.get(0).port(), hosts.get(1).port());
			warmUp(hosts, stripe, n);
			stripe.reset();
			long callsBefore = stripe.total();
			long rateLimitedBefore = stripe.rateLimited();
			Storm storm = new Storm(options, stripe, hosts, renewedAt, new Random(options.seed()));
			long deadline = System.currentTimeMillis() + (options.windowSeconds() + options.drainSeconds()) * 1000L;
			storm.start(deadline);
			long killAt = storm.startMillis() + options.windowSeconds() * 500L;
			boolean killed = false;
			long convergedAt = -1;
			long lastProgress = System.currentTimeMillis();
			Map<String, MirrorRow> mirror = Map.of();
			try (Connection connection = database.connect(databaseName)) {
				while (System.currentTimeMillis() < deadline) {
					Thread.sleep(1000);
					long now = System.currentTimeMillis();
					if (scenario.equals("kill") && !killed && now >= killAt) {
						hosts.get(1).kill();
						killed = true;
						System.out.printf(Locale.ROOT, "  %5.1f s: killed host %s%n", (now - storm.startMillis()) / 1e3,
								hosts.get(1).name());
					}
					boolean allRenewed = storm.allRenewed();
					mirror = StormDatabase.mirror(connection);
					long matching = matching(storm.renewals(), mirror);
					if (convergedAt < 0 && allRenewed && matching == n) {
						convergedAt = now;
					}
					if (now - lastProgress >= 10_000) {
						lastProgress = now;
						System.out.printf(Locale.ROOT,
								"  %5.1f s: events acknowledged %d/%d, mirror rows equal to Stripe %d/%d, Stripe requests %d"
										+ " (429: %d)%n",
								(now - storm.startMillis()) / 1e3, storm.acknowledged(), storm.events().size(), matching, n,
								stripe.total() - callsBefore, stripe.rateLimited() - rateLimitedBefore);
					}
					if (convergedAt >= 0 && storm.settled()) {
						break;
					}
				}
				storm.stop();
				Map<String, Integer> hostEvents = awaitHostEvents(connection);
				mirror = StormDatabase.mirror(connection);
				long recordedEvents = StormDatabase.count(connection,
						"SELECT count(*) FROM recur_portal_webhook_event WHERE event_id LIKE 'evt\\_storm%'");
				return report(options, storm, stripe, hosts, mirror, hostEvents, recordedEvents, convergedAt,
						stripe.total() - callsBefore, stripe.rateLimited() - rateLimitedBefore);
			}
			finally {
				storm.stop();
			}
		}
		finally {
			for (HostProcess host : hosts) {
				host.close();
			}
		}
	}

	private static Map<String, String> hostProperties(StormOptions options, String url, String stripeBaseUrl) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "postgres");
		properties.put("spring.thymeleaf.check-template-location", "false");
		// The portal warns about every failed event (thousands under a rate limit): errors only.
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.io.recurportal", "ERROR");
		properties.put("recur.portal.store", "jdbc");
		// The benchmark made the tables from the same schema file already.
		properties.put("recur.portal.jdbc.initialize-schema", "never");
		properties.put("recur.portal.billing", "stripe");
		properties.put("recur.portal.stripe.secret-key", "sk_test_storm_fake_stripe_on_loopback");
		properties.put("recur.portal.stripe.api-base", stripeBaseUrl);
		properties.put("recur.portal.webhook.secrets", Storm.WEBHOOK_SECRET);
		properties.put("recur.portal.allowed-return-origins", "http://127.0.0.1:9");
		properties.put("recur.portal.login.enabled", "false");
		// The budget the floor is computed with, for a portal that has one (unknown properties change nothing).
		properties.put("recur.portal.webhook.work.provider-calls-per-second", Integer.toString(options.budget()));
		properties.putAll(options.hostProperties());
		return properties;
	}

	/**
	 * Warms both JVMs up on the real path: {@code customer.subscription.updated} for a few
	 * subscriptions outside the storm (so the portal reads the fake Stripe and writes its
	 * mirror), with Stripe's latency and limit already on.
	 */
	private static void warmUp(List<HostProcess> hosts, FakeStripe stripe, int first) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		StripeObjects objects = stripe.objects();
		for (int round = 0; round < 3; round++) {
			List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
			for (int i = first; i < first + WARM_UP_SUBSCRIPTIONS; i++) {
				HostProcess host = hosts.get(i % hosts.size());
				String payload = StripeObjects.event("evt_warmup" + i + "_" + round, "customer.subscription.updated",
						System.currentTimeMillis() / 1000,
						objects.subscriptionNode(i, StripeObjects.SubscriptionState.BEFORE, RENEWAL_EPOCH, false),
						StripeObjects.object());
				answers.add(http.sendAsync(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/webhooks/stripe"))
					.timeout(Duration.ofMinutes(2))
					.header("Content-Type", "application/json; charset=utf-8")
					.header("Stripe-Signature", Webhook.Signature.generateSignatureHeader(payload, Storm.WEBHOOK_SECRET))
					.POST(HttpRequest.BodyPublishers.ofString(payload))
					.build(), HttpResponse.BodyHandlers.discarding()));
			}
			for (CompletableFuture<HttpResponse<Void>> answer : answers) {
				answer.get();
			}
		}
	}

	// Host events are published after the portal's commit, possibly behind the request: wait until they stop coming.
	private static Map<String, Integer> awaitHostEvents(Connection connection) throws Exception {
		Map<String, Integer> events = StormDatabase.hostEvents(connection);
		for (int quiet = 0, waited = 0; quiet < 3 && waited < 30; waited++) {
			Thread.sleep(1000);
			Map<String, Integer> now = StormDatabase.hostEvents(connection);
			quiet = now.equals(events) ? quiet + 1 : 0;
			events = now;
		}
		return events;
	}

	private static long matching(List<Renewal> renewals, Map<String, MirrorRow> mirror) {
		return renewals.stream().filter((renewal) -> matches(renewal, mirror)).count();
	}

	private static boolean matches(Renewal renewal, Map<String, MirrorRow> mirror) {
		MirrorRow row = mirror.get(StripeObjects.subscriptionId(renewal.index));
		return row != null && row.status().equalsIgnoreCase(renewal.finalStatus())
				&& row.latestInvoiceId().equals(StripeObjects.renewalInvoiceId(renewal.index))
				&& row.currentPeriodEnd() == renewal.renewedAt + 30 * 86_400L;
	}

	private static boolean report(StormOptions options, Storm storm, FakeStripe stripe, List<HostProcess> hosts,
			Map<String, MirrorRow> mirror, Map<String, Integer> hostEvents, long recordedEvents, long convergedAt,
			long stripeRequests, long rateLimited) throws Exception {
		List<Event> events = storm.events();
		int n = storm.renewals().size();
		long deliveries = events.stream().mapToLong((event) -> event.attempts.get()).sum();
		long redelivered = events.stream().filter((event) -> event.redelivered).count();
		List<Event> unacked = events.stream().filter((event) -> !event.acked.get()).toList();
		long[] all = storm.latencies().all();
		long[] ok = storm.latencies().successful();
		// Only the storm's objects: reads of the warm-up's own may come late, behind the request.
		Map<String, Long> calls = new TreeMap<>(stripe.callsByObject());
		calls.keySet().removeIf((id) -> indexOf(id) >= n);
		long objectCalls = calls.values().stream().mapToLong(Long::longValue).sum();
		long distinct = calls.size();
		long subscriptionsRead = calls.keySet().stream().filter((id) -> id.startsWith("sub_")).count();
		long customersRead = calls.keySet().stream().filter((id) -> id.startsWith("cus_")).count();
		double floor = (double) distinct / options.budget();
		long matching = matching(storm.renewals(), mirror);
		long missingMirror = n - matching;

		// Every acknowledged payment event must reach the host exactly once; nothing may reach it twice.
		long paymentsExpected = 0;
		long paymentsLost = 0;
		for (Event event : events) {
			if (PAYMENT_EVENTS.contains(event.type) && event.acked.get()) {
				paymentsExpected++;
				String kind = event.type.equals("invoice.paid") ? "PaymentSucceededEvent" : "PaymentFailedEvent";
				if (!hostEvents.containsKey(kind + " " + event.id)) {
					paymentsLost++;
				}
			}
		}
		Map<String, Long> twiceByKind = new TreeMap<>();
		hostEvents.forEach((key, count) -> {
			if (count > 1) {
				twiceByKind.merge(key.substring(0, key.indexOf(' ')), (long) count - 1, Long::sum);
			}
		});
		long twice = twiceByKind.values().stream().mapToLong(Long::longValue).sum();
		Map<String, Long> hostEventsByKind = hostEvents.entrySet()
			.stream()
			.collect(Collectors.groupingBy((entry) -> entry.getKey().substring(0, entry.getKey().indexOf(' ')),
					TreeMap::new, Collectors.summingLong(Map.Entry::getValue)));
		long subscriptionUpdates = events.stream()
			.filter((event) -> event.type.equals("customer.subscription.updated") && event.acked.get())
			.count();
		long handledAcked = events.stream()
			.filter((event) -> !event.type.equals("invoice.payment_succeeded") && !event.type.equals("invoice.created"))
			.filter((event) -> event.acked.get())
			.count();
		// Lost: acknowledged to Stripe, yet its effect never showed (no payment event, or a mirror row left behind).
		boolean[] allAcked = new boolean[n];
		Arrays.fill(allAcked, true);
		events.forEach((event) -> allAcked[event.renewal.index] &= event.acked.get());
		long lostMirror = storm.renewals()
			.stream()
			.filter((renewal) -> !matches(renewal, mirror) && allAcked[renewal.index])
			.count();
		long lost = paymentsLost + lostMirror;

		System.out.println();
		System.out.printf(Locale.ROOT, "  renewals %d in %d s (%d failed payments): %d events, %d redelivered, %d deliveries"
				+ " with Stripe-style retries%n", n, options.windowSeconds(),
				storm.renewals().stream().filter((renewal) -> renewal.fails).count(), events.size(), redelivered,
				deliveries);
		System.out.printf(Locale.ROOT, "  webhook answer: p50 %s, p99 %s (all %d answers); 2xx only: p50 %s, p99 %s;"
				+ " statuses %s (0 = no answer); sending fell behind schedule by up to %.1f s%n",
				millis(percentile(all, 50)), millis(percentile(all, 99)), all.length, millis(percentile(ok, 50)),
				millis(percentile(ok, 99)), new TreeMap<>(storm.statuses()), storm.maxLateMillis() / 1e3);
		System.out.printf(Locale.ROOT, "  Stripe: %d requests during the storm, %d answered 429 (rate %d/s, %d ms each)%n",
				stripeRequests, rateLimited, options.stripeRate(), options.latencyMillis());
		System.out.printf(Locale.ROOT, "  Stripe calls per distinct object: %.2f (%d calls naming %d objects: %d subscriptions,"
				+ " %d customers); by request %s%n", (distinct > 0) ? (double) objectCalls / distinct : 0.0, objectCalls,
				distinct, subscriptionsRead, customersRead, stripe.callsByRequest());
		if (convergedAt >= 0) {
			double seconds = (convergedAt - storm.startMillis()) / 1e3;
			System.out.printf(Locale.ROOT, "  mirror equal to Stripe after %.1f s from the first renewal; floor %d objects / %d"
					+ " per s = %.1f s (the window itself is %d s): %.2fx the floor%n", seconds, distinct, options.budget(),
					floor, options.windowSeconds(), seconds / floor);
		}
		else {
			System.out.printf(Locale.ROOT, "  mirror NOT equal to Stripe by the deadline: %d of %d rows differ (floor %.1f s)%n",
					missingMirror, n, floor);
		}
		System.out.printf(Locale.ROOT, "  events: %d never acknowledged (retried until the deadline); lost %d (payment events"
				+ " missing %d of %d, mirror rows behind though all their events were acknowledged %d); processed twice"
				+ " %d %s%n", unacked.size(), lost, paymentsLost, paymentsExpected, lostMirror, twice, twiceByKind);
		System.out.printf(Locale.ROOT, "  host events by kind %s (acknowledged subscription updates %d); portal's event"
				+ " table %d rows for %d acknowledged handled events%n", hostEventsByKind, subscriptionUpdates,
				recordedEvents, handledAcked);
		for (HostProcess host : hosts) {
			System.out.printf(Locale.ROOT, "  host %s: %s, %d ERROR lines in %s%n", host.name(),
					host.isAlive() ? "up" : "killed", host.loggedErrors(), host.log());
		}
		boolean passed = lost == 0 && twice == 0 && unacked.isEmpty() && convergedAt >= 0;
		System.out.println("  result: " + (passed ? "nothing lost, nothing processed twice, mirror equal to Stripe"
				: "FAILED (lost, processed twice, never acknowledged or mirror behind)"));
		return passed;
	}

	// The renewal an object id belongs to: sub_storm12, cus_storm12, in_storm12_1 -> 12.
	private static int indexOf(String objectId) {
		int start = objectId.indexOf("_storm") + "_storm".length();
		int end = start;
		while (end < objectId.length() && Character.isDigit(objectId.charAt(end))) {
			end++;
		}
		return (end > start) ? Integer.parseInt(objectId.substring(start, end)) : Integer.MAX_VALUE;
	}

	private static long percentile(long[] values, int percentile) {
		if (values.length == 0) {
			return -1;
		}
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static String millis(long micros) {
		return (micros < 0) ? "-" : String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
	}

}
