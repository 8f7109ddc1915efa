package io.recurportal.benchmarks.store;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventSink.Outcome;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.billing.sandbox.SandboxClock;
import io.recurportal.billing.sandbox.SandboxSeed;
import io.recurportal.billing.sandbox.SandboxSettings;
import io.recurportal.billing.stripe.webhook.StripeEventReader;
import io.recurportal.billing.stripe.webhook.StripeSignatureVerifier;
import io.recurportal.customer.BillingAccountCustomerResolver;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.snapshot.JdbcBillingSnapshotStore;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.JdbcSubscriptionMirror;
import io.recurportal.billing.budget.ProviderCallBudget;
import io.recurportal.webhook.JdbcRefreshQueue;
import io.recurportal.webhook.JdbcWebhookEventStore;
import io.recurportal.webhook.RefreshWorker;
import io.recurportal.webhook.SpringProcessingTransactions;
import io.recurportal.webhook.WebhookEventRecorder;
import io.recurportal.webhook.WebhookRefresher;

/**
 * Benchmark 5: Stripe webhook events ingested per second on PostgreSQL, with
 * redeliveries of events already processed mixed in. One operation is what
 * {@code StripeWebhookController} does with a delivery after Spring MVC handed it the
 * body: the {@code Stripe-Signature} check, reading the event, and
 * {@link WebhookEventRecorder#process}: in one transaction, the claim of the event id
 * ({@code INSERT ... ON CONFLICT DO NOTHING}) and, for a new event, its addition to the
 * subscription's refresh work (an update, or an insert for the first event), then the
 * commit. No provider call: the subscription is read behind the request. HTTP is not
 * included. The baseline is the claim alone in plain JDBC: the same ids, duplicates
 * included, inserted with {@code ON CONFLICT DO NOTHING}.
 * <p>
 * Every delivery is counted: new events must come out recorded and redeliveries
 * skipped, and at the end of the trial the event table must hold exactly one row per
 * new event; then, outside the measured time, the worker drains the work, which must
 * read each subscription that had events once and tell the host once per subscription;
 * otherwise the trial fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WebhookBenchmarks {

	/** How many customers, each with one subscription, the sandbox holds. */
	static final int SUBSCRIPTIONS = 200;

	private static final String SECRET = "whsec_store_benchmarks";

	private static final String BASELINE_TABLE = "bench_webhook_baseline";

	/** The share of deliveries that repeat an event this thread delivered before. */
	@Param("0.2")
	public double duplicateRatio;

	private final AtomicInteger threadSeeds = new AtomicInteger();

	private final AtomicLong eventIds = new AtomicLong();

	private final LongAdder uniqueDelivered = new LongAdder();

	private final LongAdder wrongOutcomes = new LongAdder();

	private final LongAdder published = new LongAdder();

	private BenchmarkDatabase database;

	private StripeSignatureVerifier verifier;

	private StripeEventReader reader;

	private WebhookEventRecorder processor;

	private RefreshWorker worker;

	private final Set<String> touched = ConcurrentHashMap.newKeySet();

	private boolean measuresBaseline;

	@Setup(Level.Trial)
	public void startDatabase(BenchmarkParams params) {
		this.measuresBaseline = params.getBenchmark().endsWith("baselineClaimInsert");
		this.database = BenchmarkDatabase.create();
		this.database.execute("CREATE TABLE " + BASELINE_TABLE + " (event_id VARCHAR(255) PRIMARY KEY)");
		SandboxBillingGateway sandbox = new SandboxBillingGateway(SandboxClock.system(), seed(),
				new SandboxSettings(Duration.ofDays(14), "/portal/sandbox/checkout"));
		JdbcWebhookEventStore store = new JdbcWebhookEventStore(this.database.dataSource(),
				this.database.transactions(), BenchmarkDatabase.TABLE_PREFIX);
		JdbcSubscriptionMirror mirror = new JdbcSubscriptionMirror(this.database.dataSource(),
				this.database.transactions(), BenchmarkDatabase.TABLE_PREFIX);
		// The portal's own wiring, snapshots in the same database as the mirror.
		AccountSnapshots snapshots = new AccountSnapshots(new JdbcBillingSnapshotStore(this.database.dataSource(),
				this.database.transactions(), BenchmarkDatabase.TABLE_PREFIX), Duration.ofMinutes(10),
				Clock.systemUTC());
		SpringProcessingTransactions transactions = new SpringProcessingTransactions(this.database.transactions());
		JdbcRefreshQueue queue = new JdbcRefreshQueue(this.database.dataSource(), this.database.transactions(),
				BenchmarkDatabase.TABLE_PREFIX);
		WebhookRefresher refresher = new WebhookRefresher(sandbox, mirror, new AccountSubscriptions(sandbox, mirror,
				new BillingAccountCustomerResolver(sandbox, snapshots), snapshots, Clock.systemUTC()), snapshots, queue,
				(event) -> this.published.increment(), transactions, Clock.systemUTC());
		this.worker = new RefreshWorker(queue, refresher, ProviderCallBudget.unlimited(), Clock.systemUTC());
		this.verifier = new StripeSignatureVerifier(List.of(SECRET), Duration.ofMinutes(5), Clock.systemUTC());
		this.reader = new StripeEventReader();
		this.processor = new WebhookEventRecorder(store, queue, transactions, Clock.systemUTC(), Duration.ofSeconds(5),
				Duration.ofMinutes(1));
	}

	@TearDown(Level.Trial)
	public void checkAndStopDatabase() {
		try {
			String table = this.measuresBaseline ? BASELINE_TABLE : BenchmarkDatabase.TABLE_PREFIX + "webhook_event";
			long rows = Long.parseLong(this.database.query("SELECT COUNT(*) FROM " + table));
			long unique = this.uniqueDelivered.sum();
			// The work behind the requests, not measured: one read and one host event per subscription.
			int refreshed = this.measuresBaseline ? 0 : this.worker.drain();
			if (rows != unique || this.wrongOutcomes.sum() != 0 || (!this.measuresBaseline
					&& (refreshed != this.touched.size() || this.published.sum() != this.touched.size()))) {
				throw new IllegalStateException("Deduplication failed: " + unique + " new events delivered, " + rows
						+ " rows stored, " + this.touched.size() + " subscriptions named, " + refreshed
						+ " refreshed, " + this.published.sum() + " published, " + this.wrongOutcomes.sum()
						+ " deliveries with the wrong outcome");
			}
			if (!this.measuresBaseline) {
				System.out.println("Drained: " + unique + " new events, " + refreshed + " subscription reads, "
						+ this.published.sum() + " host events");
			}
		}
		finally {
			this.database.close();
		}
	}

	/**
	 * Ingests one delivery.
	 * @param delivery the delivery, new or a redelivery
	 * @return what processing did
	 */
	@Benchmark
	public Outcome ingest(Delivery delivery) {
		this.verifier.verify(delivery.payload, delivery.signature);
		BillingEvent event = this.reader.read(delivery.payload);
		Outcome outcome = this.processor.process(event);
		if (outcome == Outcome.PROCESSED) {
			this.touched.add(event.subscriptionId());
		}
		delivery.count(this, outcome == Outcome.PROCESSED);
		return outcome;
	}

	/**
	 * The baseline: only the event id of the same delivery, inserted unless present, in
	 * plain JDBC with auto-commit.
	 * @param delivery the delivery, new or a redelivery
	 * @return whether a row was inserted
	 * @throws SQLException never, on a healthy database
	 */
	@Benchmark
	public boolean baselineClaimInsert(Delivery delivery) throws SQLException {
		boolean inserted;
		try (Connection connection = this.database.dataSource().getConnection();
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO " + BASELINE_TABLE + " (event_id) VALUES (?) ON CONFLICT (event_id) DO NOTHING")) {
			insert.setString(1, delivery.eventId);
			inserted = insert.executeUpdate() == 1;
		}
		delivery.count(this, inserted);
		return inserted;
	}

	// Customers cus_bench_0..n, accounts acct_bench_0..n, each with one Pro subscription.
	private static SandboxSeed seed() {
		StringBuilder json = new StringBuilder("{\"products\": [{\"id\": \"prod_pro\", \"name\": \"Pro\","
				+ " \"prices\": [{\"id\": \"price_pro_monthly\", \"currency\": \"usd\", \"unitAmount\": 2900,"
				+ " \"interval\": \"month\"}]}], \"customers\": [");
		for (int i = 0; i < SUBSCRIPTIONS; i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"id\": \"cus_bench_")
				.append(i)
				.append("\", \"externalId\": \"acct_bench_")
				.append(i)
				.append("\", \"email\": \"bench")
				.append(i)
				.append("@example.com\", \"cards\": [{\"number\": \"4242424242424242\", \"expMonth\": 12,"
						+ " \"expYear\": 2035}], \"subscriptions\": [{\"id\": \"sub_bench_")
				.append(i)
				.append("\", \"priceId\": \"price_pro_monthly\", \"status\": \"active\", \"startedDaysAgo\": ")
				.append(i % 28)
				.append("}]}");
		}
		json.append("]}");
		return SandboxSeed.read(new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * One thread's deliveries. Before each call (outside the measured time) it makes the
	 * next one as Stripe would send it: a new {@code customer.subscription.updated} event
	 * for a random subscription, or, with the duplicate ratio, an exact redelivery of one
	 * of this thread's last events; either signed with a fresh timestamp. Its public
	 * counters are reported with each iteration's results (JMH zeroes them first).
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Delivery {

		private static final int REMEMBERED = 1024;

		/** New events delivered. */
		public long unique;

		/** Redeliveries of events already processed. */
		public long duplicates;

		/** New events that came out processed. */
		public long processed;

		/** Redeliveries that came out skipped. */
		public long skipped;

		String eventId;

		String payload;

		String signature;

		private boolean duplicate;

		private final String[] rememberedIds = new String[REMEMBERED];

		private final String[] rememberedPayloads = new String[REMEMBERED];

		private long delivered;

		private SplittableRandom random;

		private Mac mac;

		@Setup(Level.Trial)
		public void prepare(WebhookBenchmarks benchmark) throws GeneralSecurityException {
			this.random = new SplittableRandom(benchmark.threadSeeds.incrementAndGet());
			this.mac = Mac.getInstance("HmacSHA256");
			this.mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		}

		@Setup(Level.Invocation)
		public void next(WebhookBenchmarks benchmark) {
			this.duplicate = this.delivered > 0 && this.random.nextDouble() < benchmark.duplicateRatio;
			if (this.duplicate) {
				int slot = (int) ((this.delivered - 1 - this.random.nextLong(Math.min(this.delivered, REMEMBERED)))
						% REMEMBERED);
				this.eventId = this.rememberedIds[slot];
				this.payload = this.rememberedPayloads[slot];
			}
			else {
				int subscription = this.random.nextInt(SUBSCRIPTIONS);
				this.eventId = "evt_bench_" + benchmark.eventIds.incrementAndGet();
				this.payload = "{\"id\": \"" + this.eventId + "\", \"object\": \"event\", \"api_version\":"
						+ " \"2025-09-30.clover\", \"created\": " + (System.currentTimeMillis() / 1000)
						+ ", \"livemode\": false, \"type\": \"customer.subscription.updated\", \"data\": {\"object\":"
						+ " {\"id\": \"sub_bench_" + subscription + "\", \"object\": \"subscription\", \"customer\":"
						+ " \"cus_bench_" + subscription + "\", \"status\": \"active\", \"metadata\":"
						+ " {\"recur_account_id\": \"acct_bench_" + subscription + "\"}}, \"previous_attributes\":"
						+ " {\"cancel_at_period_end\": true}}}";
				int slot = (int) (this.delivered % REMEMBERED);
				this.rememberedIds[slot] = this.eventId;
				this.rememberedPayloads[slot] = this.payload;
				this.delivered++;
			}
			long timestamp = System.currentTimeMillis() / 1000;
			byte[] digest = this.mac.doFinal((timestamp + "." + this.payload).getBytes(StandardCharsets.UTF_8));
			this.signature = "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
		}

		void count(WebhookBenchmarks benchmark, boolean stored) {
			if (this.duplicate) {
				this.duplicates++;
				if (!stored) {
					this.skipped++;
				}
			}
			else {
				this.unique++;
				benchmark.uniqueDelivered.increment();
				if (stored) {
					this.processed++;
				}
			}
			if (stored == this.duplicate) {
				benchmark.wrongOutcomes.increment();
			}
		}

	}

}
