package io.recurportal.benchmarks.storm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.stripe.net.Webhook;
import tools.jackson.databind.node.ObjectNode;

import io.recurportal.benchmarks.storm.StripeObjects.InvoiceState;
import io.recurportal.benchmarks.storm.StripeObjects.SubscriptionState;

/**
 * One storm: renewals spread over the window, each changing the fake Stripe's state in
 * three steps as Stripe would and sending its five events at once after each step, every
 * delivery delayed by a random jitter (so out of order), a share redelivered later, each
 * to a random live host, signed with stripe-java's {@link Webhook.Signature} at sending
 * time. A delivery answered with anything but 2xx (or not at all) is sent again later,
 * as Stripe does, until the deadline.
 */
final class Storm {

	/** The signing secret both hosts are configured with. */
	static final String WEBHOOK_SECRET = "whsec_storm_benchmark_on_loopback";

	private static final long STEP_MILLIS = 1000;

	private final StormOptions options;

	private final FakeStripe stripe;

	private final List<HostProcess> hosts;

	private final List<Renewal> renewals = new ArrayList<>();

	private final List<Event> events = new ArrayList<>();

	private final HttpClient http;

	private final ExecutorService httpExecutor;

	private final ScheduledExecutorService scheduler;

	private final Semaphore inFlight;

	private final LongAdder pending = new LongAdder();

	private final AtomicInteger renewalsDone = new AtomicInteger();

	private final AtomicInteger acknowledged = new AtomicInteger();

	private final Latencies latencies = new Latencies();

	private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

	private final AtomicLong maxLateMillis = new AtomicLong();

	private final AtomicLong lastAckMillis = new AtomicLong();

	private volatile long startMillis;

	private volatile long deadlineMillis;

	Storm(StormOptions options, FakeStripe stripe, List<HostProcess> hosts, long[] renewedAt, Random random) {
		this.options = options;
		this.stripe = stripe;
		this.hosts = hosts;
		long windowMillis = options.windowSeconds() * 1000L;
		for (int i = 0; i < options.subscriptions(); i++) {
			// Only the storm's renewals: the fake knows a few more, for warming up.
			boolean fails = random.nextDouble() < options.failedPayments();
			long offset = (windowMillis > 0) ? (long) (random.nextDouble() * windowMillis) : 0;
			this.renewals.add(new Renewal(i, offset, fails, renewedAt[i]));
		}
		this.httpExecutor = Executors.newFixedThreadPool(4);
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(this.httpExecutor)
			.build();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
		executor.setRemoveOnCancelPolicy(true);
		this.scheduler = executor;
		this.inFlight = new Semaphore(options.maxInFlight());
	}

	List<Renewal> renewals() {
		return this.renewals;
	}

	List<Event> events() {
		synchronized (this.events) {
			return new ArrayList<>(this.events);
		}
	}

	/** Events acknowledged with 2xx at least once. */
	int acknowledged() {
		return this.acknowledged.get();
	}

	Latencies latencies() {
		return this.latencies;
	}

	Map<Integer, LongAdder> statuses() {
		return this.statuses;
	}

	long startMillis() {
		return this.startMillis;
	}

	long maxLateMillis() {
		return this.maxLateMillis.get();
	}

	long lastAckMillis() {
		return this.lastAckMillis.get();
	}

	boolean allRenewed() {
		return this.renewalsDone.get() == this.renewals.size();
	}

	/** Whether every delivery was answered 2xx or given up, and no redelivery is waiting. */
	boolean settled() {
		return allRenewed() && this.pending.sum() == 0;
	}

	void start(long deadlineMillis) {
		this.startMillis = System.currentTimeMillis();
		this.deadlineMillis = deadlineMillis;
		for (Renewal renewal : this.renewals) {
			for (int step = 0; step < 3; step++) {
				int thisStep = step;
				this.pending.increment();
				this.scheduler.schedule(() -> step(renewal, thisStep), renewal.offsetMillis + step * STEP_MILLIS,
						TimeUnit.MILLISECONDS);
			}
		}
	}

	void stop() {
		this.scheduler.shutdownNow();
		this.httpExecutor.shutdownNow();
	}

	/** A renewal's step: Stripe's state changes, then its events are sent. */
	private void step(Renewal renewal, int step) {
		try {
			int i = renewal.index;
			long created = System.currentTimeMillis() / 1000;
			StripeObjects objects = this.stripe.objects();
			List<Event> made = new ArrayList<>();
			switch (step) {
				case 0 -> {
					this.stripe.subscription(i, SubscriptionState.RENEWED);
					this.stripe.invoice(i, InvoiceState.DRAFT);
					made.add(new Event(renewal, "invoice.created", created,
							objects.invoiceNode(i, true, InvoiceState.DRAFT, renewal.renewedAt), null));
					ObjectNode previous = StripeObjects.object();
					previous.put("latest_invoice", StripeObjects.previousInvoiceId(i));
					made.add(new Event(renewal, "customer.subscription.updated", created,
							objects.subscriptionNode(i, SubscriptionState.RENEWED, renewal.renewedAt, false), previous));
				}
				case 1 -> {
					this.stripe.invoice(i, InvoiceState.OPEN);
					made.add(new Event(renewal, "invoice.finalized", created,
							objects.invoiceNode(i, true, InvoiceState.OPEN, renewal.renewedAt), null));
				}
				default -> {
					if (renewal.fails) {
						this.stripe.invoice(i, InvoiceState.PAYMENT_FAILED);
						this.stripe.subscription(i, SubscriptionState.PAST_DUE);
						made.add(new Event(renewal, "invoice.payment_failed", created,
								objects.invoiceNode(i, true, InvoiceState.PAYMENT_FAILED, renewal.renewedAt), null));
						ObjectNode previous = StripeObjects.object();
						previous.put("status", "active");
						made.add(new Event(renewal, "customer.subscription.updated", created,
								objects.subscriptionNode(i, SubscriptionState.PAST_DUE, renewal.renewedAt, false),
								previous));
					}
					else {
						this.stripe.invoice(i, InvoiceState.PAID);
						ObjectNode paid = objects.invoiceNode(i, true, InvoiceState.PAID, renewal.renewedAt);
						made.add(new Event(renewal, "invoice.paid", created, paid, null));
						made.add(new Event(renewal, "invoice.payment_succeeded", created, paid, null));
					}
				}
			}
			synchronized (this.events) {
				this.events.addAll(made);
			}
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (Event event : made) {
				long first = (this.options.jitterSeconds() > 0) ? random.nextLong(this.options.jitterSeconds() * 1000L)
						: 0;
				schedule(event, first, 0);
				if (random.nextDouble() < this.options.redelivered()) {
					event.redelivered = true;
					schedule(event, first + 1000 + random.nextLong(15_000), 0);
				}
			}
			if (step == 2) {
				this.renewalsDone.incrementAndGet();
			}
		}
		finally {
			this.pending.decrement();
		}
	}

	private void schedule(Event event, long delayMillis, int attempt) {
		this.pending.increment();
		long due = System.currentTimeMillis() + delayMillis;
		this.scheduler.schedule(() -> send(event, attempt, due), delayMillis, TimeUnit.MILLISECONDS);
	}

	private void send(Event event, int attempt, long due) {
		try {
			this.inFlight.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.pending.decrement();
			return;
		}
		long late = System.currentTimeMillis() - due;
		this.maxLateMillis.accumulateAndGet(late, Math::max);
		HostProcess host = pickHost();
		String header;
		try {
			header = Webhook.Signature.generateSignatureHeader(event.payload, WEBHOOK_SECRET);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not sign an event", ex);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/webhooks/stripe"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json; charset=utf-8")
			.header("Stripe-Signature", header)
			.header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
			.POST(HttpRequest.BodyPublishers.ofString(event.payload))
			.build();
		event.attempts.incrementAndGet();
		long started = System.nanoTime();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
			try {
				this.inFlight.release();
				long nanos = System.nanoTime() - started;
				int status = (response != null) ? response.statusCode() : 0;
				this.statuses.computeIfAbsent(status, (key) -> new LongAdder()).increment();
				this.latencies.record(nanos, status >= 200 && status < 300);
				if (status >= 200 && status < 300) {
					if (event.acked.compareAndSet(false, true)) {
						this.acknowledged.incrementAndGet();
						this.lastAckMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
					}
					return;
				}
				long delay = Math.min(60_000L, this.options.retrySeconds() * 1000L << Math.min(attempt, 10));
				if (System.currentTimeMillis() + delay < this.deadlineMillis && !this.scheduler.isShutdown()) {
					schedule(event, delay, attempt + 1);
				}
				else {
					event.gaveUp = true;
				}
			}
			finally {
				this.pending.decrement();
			}
		});
	}

	private HostProcess pickHost() {
		List<HostProcess> alive = this.hosts.stream().filter(HostProcess::isAlive).toList();
		List<HostProcess> candidates = alive.isEmpty() ? this.hosts : alive;
		return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
	}

	/** A subscription renewing, and how it ends. */
	static final class Renewal {

		final int index;

		final long offsetMillis;

		final boolean fails;

		final long renewedAt;

		Renewal(int index, long offsetMillis, boolean fails, long renewedAt) {
			this.index = index;
			this.offsetMillis = offsetMillis;
			this.fails = fails;
			this.renewedAt = renewedAt;
		}

		String finalStatus() {
			return this.fails ? "past_due" : "active";
		}

	}

	/** One event Stripe sends, however often. */
	static final class Event {

		private static final AtomicLong ids = new AtomicLong();

		final Renewal renewal;

		final String id;

		final String type;

		final String payload;

		final AtomicInteger attempts = new AtomicInteger();

		final AtomicBoolean acked = new AtomicBoolean();

		volatile boolean redelivered;

		volatile boolean gaveUp;

		Event(Renewal renewal, String type, long created, ObjectNode object, ObjectNode previousAttributes) {
			this.renewal = renewal;
			this.id = String.format("evt_storm%d_%06d", renewal.index, ids.incrementAndGet());
			this.type = type;
			this.payload = StripeObjects.event(this.id, type, created, object, previousAttributes);
		}

	}

	/** Every answer's latency, in microseconds. */
	static final class Latencies {

		private final List<long[]> all = new ArrayList<>();

		private long[] current = new long[4096];

		private int size;

		private final List<Long> ok = new ArrayList<>();

		synchronized void record(long nanos, boolean success) {
			long micros = nanos / 1000;
			if (this.size == this.current.length) {
				this.all.add(this.current);
				this.current = new long[4096];
				this.size = 0;
			}
			this.current[this.size++] = micros;
			if (success) {
				this.ok.add(micros);
			}
		}

		synchronized long[] all() {
			long[] values = new long[this.all.size() * 4096 + this.size];
			int at = 0;
			for (long[] block : this.all) {
				System.arraycopy(block, 0, values, at, block.length);
				at += block.length;
			}
			System.arraycopy(this.current, 0, values, at, this.size);
			return values;
		}

		synchronized long[] successful() {
			return this.ok.stream().mapToLong(Long::longValue).toArray();
		}

	}

}
