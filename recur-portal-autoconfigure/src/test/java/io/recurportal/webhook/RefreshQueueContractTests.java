package io.recurportal.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;
import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every refresh queue: in memory, on H2 and on PostgreSQL.
 */
class RefreshQueueContractTests extends StoreContractTests<RefreshQueue> {

	private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

	private static final Duration WINDOW = Duration.ofSeconds(5);

	private static final Duration LEASE = Duration.ofMinutes(1);

	private RefreshQueue queue;

	RefreshQueueContractTests() {
		super(InMemoryRefreshQueue::new, JdbcRefreshQueue::new);
	}

	private RefreshQueue queue() {
		if (this.queue == null) {
			this.queue = createStore();
		}
		return this.queue;
	}

	private static BillingEvent event(String id, BillingEventType type, Instant created) {
		return new BillingEvent(id, type, type.value(), created, "cus_1", "sub_1", "in_" + id, "acc|1 é\n", null);
	}

	private void add(String key, String eventId, Instant at) {
		queue().add(key, event(eventId, BillingEventType.INVOICE_PAID, at), at, at.plus(WINDOW),
				at.plus(Duration.ofMinutes(1)));
	}

	private List<RefreshWork> claim(Instant now, String claimId) {
		return queue().claim(now, now, 10, now.plus(LEASE), claimId);
	}

	@Test
	void eventsOfOneObjectAreOneWorkDueAfterTheLast() {
		add("subscription:sub_1", "evt_1", T0);
		add("subscription:sub_1", "evt_2", T0.plusSeconds(3));
		add("customer:cus_1", "evt_3", T0.plusSeconds(1));
		assertThat(claim(T0.plusSeconds(7), "c1")).extracting(RefreshWork::key).containsExactly("customer:cus_1");
		List<RefreshWork> claimed = claim(T0.plusSeconds(8), "c2");
		assertThat(claimed).singleElement().satisfies((work) -> {
			assertThat(work.key()).isEqualTo("subscription:sub_1");
			assertThat(work.isSubscription()).isTrue();
			assertThat(work.objectId()).isEqualTo("sub_1");
			assertThat(work.recordedAt()).isEqualTo(T0);
			// Every field survives storage, even ones with separators in them.
			assertThat(work.events()).containsExactly(event("evt_1", BillingEventType.INVOICE_PAID, T0),
					event("evt_2", BillingEventType.INVOICE_PAID, T0.plusSeconds(3)));
		});
	}

	@Test
	void aStreamOfEventsDoesNotPushTheReadPastTheLatestDue() {
		for (int i = 0; i < 20; i++) {
			add("subscription:sub_1", "evt_" + i, T0.plusSeconds(4L * i));
		}
		// Due 5 s after each event, but never later than a minute after the first.
		assertThat(claim(T0.plusSeconds(59), "c1")).isEmpty();
		assertThat(claim(T0.plusSeconds(60), "c1")).singleElement()
			.satisfies((work) -> assertThat(work.events()).hasSize(20));
	}

	@Test
	void claimedWorkIsNotClaimedAgainUntilItsLeaseEnds() {
		add("subscription:sub_1", "evt_1", T0);
		Instant due = T0.plus(WINDOW);
		assertThat(claim(due, "crashed")).hasSize(1);
		assertThat(claim(due.plusSeconds(30), "other")).isEmpty();
		// The claimer died: after the lease, another claims it, and the first can no longer complete.
		List<RefreshWork> reclaimed = claim(due.plus(LEASE), "other");
		assertThat(reclaimed).singleElement().satisfies((work) -> assertThat(work.claimId()).isEqualTo("other"));
		RefreshWork lost = new RefreshWork(reclaimed.get(0).key(), "crashed", reclaimed.get(0).version(), 0, T0,
				reclaimed.get(0).events(), reclaimed.get(0).consumed());
		assertThat(queue().complete(lost)).isFalse();
		assertThat(queue().complete(reclaimed.get(0))).isTrue();
		assertThat(queue().backlog().size()).isZero();
	}

	@Test
	void completeWhenEventsArrivedDuringTheReadThenOnlyThoseStay() {
		add("subscription:sub_1", "evt_1", T0);
		RefreshWork work = claim(T0.plus(WINDOW), "c1").get(0);
		add("subscription:sub_1", "evt_2", T0.plusSeconds(6));
		assertThat(queue().complete(work)).isTrue();
		assertThat(queue().backlog().size()).isOne();
		assertThat(claim(T0.plusSeconds(10), "c2")).isEmpty();
		assertThat(claim(T0.plusSeconds(11), "c2")).singleElement()
			.satisfies((again) -> assertThat(again.events()).extracting(BillingEvent::id).containsExactly("evt_2"));
	}

	@Test
	void releaseGivesWorkBackDueLaterCountingFailures() {
		add("subscription:sub_1", "evt_1", T0);
		RefreshWork work = claim(T0.plus(WINDOW), "c1").get(0);
		queue().release(work, T0.plusSeconds(30), true);
		assertThat(claim(T0.plusSeconds(29), "c2")).isEmpty();
		RefreshWork again = claim(T0.plusSeconds(30), "c2").get(0);
		assertThat(again.attempts()).isOne();
		queue().release(again, T0.plusSeconds(31), false);
		assertThat(claim(T0.plusSeconds(31), "c3")).singleElement()
			.satisfies((third) -> assertThat(third.attempts()).isOne());
	}

	@Test
	void claimTakesAtMostTheBatchEarliestDueFirst() {
		add("subscription:sub_b", "evt_b", T0.plusSeconds(2));
		add("subscription:sub_a", "evt_a", T0);
		add("subscription:sub_c", "evt_c", T0.plusSeconds(4));
		Instant now = T0.plusSeconds(60);
		assertThat(queue().claim(now, now, 2, now.plus(LEASE), "c1")).extracting(RefreshWork::key)
			.containsExactly("subscription:sub_a", "subscription:sub_b");
	}

	@Test
	void backlogCountsObjectsAndTheOldestEvent() {
		assertThat(queue().backlog().size()).isZero();
		assertThat(queue().backlog().oldest()).isEmpty();
		add("subscription:sub_1", "evt_1", T0.plusSeconds(2));
		add("subscription:sub_1", "evt_2", T0.plusSeconds(3));
		add("customer:cus_1", "evt_3", T0.plusSeconds(4));
		assertThat(queue().backlog().size()).isEqualTo(2);
		assertThat(queue().backlog().oldest()).contains(T0.plusSeconds(2));
	}

}
