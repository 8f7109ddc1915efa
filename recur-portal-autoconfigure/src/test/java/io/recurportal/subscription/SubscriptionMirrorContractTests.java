package io.recurportal.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.subscription.SubscriptionMirror.SyncState;
import io.recurportal.testsupport.StoreContractTests;

import static io.recurportal.testsupport.TestSubscriptions.active;
import static io.recurportal.testsupport.TestSubscriptions.canceledAtPeriodEnd;
import static io.recurportal.testsupport.TestSubscriptions.subscription;
import static io.recurportal.testsupport.TestSubscriptions.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every subscription mirror: in memory, on H2 and on PostgreSQL.
 */
class SubscriptionMirrorContractTests extends StoreContractTests<SubscriptionMirror> {

	private static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");

	private static final Instant T2 = T1.plusSeconds(1);

	private SubscriptionMirror mirror;

	SubscriptionMirrorContractTests() {
		super(InMemorySubscriptionMirror::new, JdbcSubscriptionMirror::new);
	}

	SubscriptionMirror mirror() {
		if (this.mirror == null) {
			this.mirror = createStore();
		}
		return this.mirror;
	}

	@Test
	void findWhenSavedThenEqual() {
		Subscription subscription = canceledAtPeriodEnd(active("sub_1"));
		mirror().save("acc_1", subscription);
		assertThat(mirror().find("acc_1", "sub_1")).contains(subscription);
	}

	@Test
	void findWhenAnotherAccountThenEmpty() {
		mirror().save("acc_1", active("sub_1"));
		assertThat(mirror().find("acc_2", "sub_1")).isEmpty();
		assertThat(mirror().findByAccount("acc_2")).isEmpty();
		assertThat(mirror().revision("acc_2", "sub_1")).isZero();
	}

	@Test
	void findByAccountThenNewestFirstThenById() {
		Instant early = Instant.parse("2025-01-01T00:00:00Z");
		Instant late = Instant.parse("2025-06-01T00:00:00Z");
		mirror().save("acc_1", subscription("sub_b", SubscriptionStatus.ACTIVE, early));
		mirror().save("acc_1", subscription("sub_c", SubscriptionStatus.ACTIVE, late));
		mirror().save("acc_1", subscription("sub_a", SubscriptionStatus.ACTIVE, early));
		mirror().save("acc_1", subscription("sub_B", SubscriptionStatus.ACTIVE, early));
		assertThat(mirror().findByAccount("acc_1")).extracting(Subscription::id)
			.containsExactly("sub_c", "sub_B", "sub_a", "sub_b");
	}

	@Test
	void revisionWhenNeverSavedThenZero() {
		assertThat(mirror().revision("acc_1", "sub_1")).isZero();
	}

	@Test
	void saveWhenChangedThenNextRevision() {
		Subscription subscription = active("sub_1");
		mirror().save("acc_1", subscription);
		assertThat(mirror().revision("acc_1", "sub_1")).isEqualTo(1);
		mirror().save("acc_1", canceledAtPeriodEnd(subscription));
		assertThat(mirror().revision("acc_1", "sub_1")).isEqualTo(2);
		mirror().save("acc_1", subscription);
		assertThat(mirror().revision("acc_1", "sub_1")).isEqualTo(3);
		assertThat(mirror().find("acc_1", "sub_1")).contains(subscription);
	}

	@Test
	void saveWhenEqualThenSameRevision() {
		mirror().save("acc_1", active("sub_1"));
		mirror().save("acc_1", active("sub_1"));
		assertThat(mirror().revision("acc_1", "sub_1")).isEqualTo(1);
	}

	@Test
	void deleteWhenPresentThenGoneAndRevisionKeepsGrowing() {
		mirror().save("acc_1", active("sub_1"));
		mirror().save("acc_1", canceledAtPeriodEnd(active("sub_1")));
		assertThat(mirror().delete("acc_1", "sub_1")).isTrue();
		assertThat(mirror().find("acc_1", "sub_1")).isEmpty();
		assertThat(mirror().findByAccount("acc_1")).isEmpty();
		assertThat(mirror().revision("acc_1", "sub_1")).isZero();
		assertThat(mirror().delete("acc_1", "sub_1")).isFalse();
		mirror().save("acc_1", active("sub_1"));
		assertThat(mirror().revision("acc_1", "sub_1")).isEqualTo(3);
	}

	@Test
	void deleteWhenAbsentThenFalse() {
		assertThat(mirror().delete("acc_1", "sub_1")).isFalse();
	}

	@Test
	void saveIfNewerWhenNothingStoredThenStored() {
		assertThat(mirror().saveIfNewer("acc_1", active("sub_1"), T1)).isTrue();
		assertThat(mirror().find("acc_1", "sub_1")).contains(active("sub_1"));
		assertThat(mirror().revision("acc_1", "sub_1")).isEqualTo(1);
	}

	@Test
	void saveIfNewerWhenOlderThanStoredThenIgnored() {
		Subscription pastDue = withStatus(active("sub_1"), SubscriptionStatus.PAST_DUE);
		assertThat(mirror().saveIfNewer("acc_1", active("sub_1"), T2)).isTrue();
		assertThat(mirror().saveIfNewer("acc_1", pastDue, T1)).isFalse();
		assertThat(mirror().find("acc_1", "sub_1")).contains(active("sub_1"));
		assertThat(mirror().revision("acc_1", "sub_1")).isEqualTo(1);
	}

	@Test
	void saveIfNewerWhenNewerThenStoredWithNextRevision() {
		Subscription pastDue = withStatus(active("sub_1"), SubscriptionStatus.PAST_DUE);
		mirror().saveIfNewer("acc_1", pastDue, T1);
		assertThat(mirror().saveIfNewer("acc_1", active("sub_1"), T2)).isTrue();
		assertThat(mirror().find("acc_1", "sub_1")).contains(active("sub_1"));
		assertThat(mirror().revision("acc_1", "sub_1")).isEqualTo(2);
	}

	@Test
	void saveIfNewerWhenSameTimeThenStored() {
		mirror().saveIfNewer("acc_1", active("sub_1"), T1);
		Subscription pastDue = withStatus(active("sub_1"), SubscriptionStatus.PAST_DUE);
		assertThat(mirror().saveIfNewer("acc_1", pastDue, T1)).isTrue();
		assertThat(mirror().find("acc_1", "sub_1")).contains(pastDue);
	}

	@Test
	void saveIfNewerWhenEqualCopyThenSameRevision() {
		mirror().saveIfNewer("acc_1", active("sub_1"), T1);
		assertThat(mirror().saveIfNewer("acc_1", active("sub_1"), T2)).isTrue();
		assertThat(mirror().revision("acc_1", "sub_1")).isEqualTo(1);
	}

	@Test
	void saveIfNewerAfterSaveThenOrderedByObservedTimeOnly() {
		mirror().saveIfNewer("acc_1", active("sub_1"), T2);
		Subscription canceling = canceledAtPeriodEnd(active("sub_1"));
		mirror().save("acc_1", canceling);
		assertThat(mirror().find("acc_1", "sub_1")).contains(canceling);
		assertThat(mirror().saveIfNewer("acc_1", active("sub_1"), T1)).isFalse();
		assertThat(mirror().find("acc_1", "sub_1")).contains(canceling);
	}

	@Test
	void saveIfNewerWhenConcurrentThenNewestWins() throws Exception {
		SubscriptionMirror mirror = mirror();
		int writers = 8;
		CyclicBarrier barrier = new CyclicBarrier(writers);
		ExecutorService executor = Executors.newFixedThreadPool(writers);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < writers; i++) {
				Instant observedAt = T1.plusSeconds(i);
				Subscription subscription = withStatus(active("sub_1"),
						(i == writers - 1) ? SubscriptionStatus.CANCELED : SubscriptionStatus.PAST_DUE);
				results.add(executor.submit(() -> {
					barrier.await();
					return mirror.saveIfNewer("acc_1", subscription, observedAt);
				}));
			}
			for (Future<Boolean> result : results) {
				result.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(mirror().find("acc_1", "sub_1")).map(Subscription::status).contains(SubscriptionStatus.CANCELED);
		assertThat(mirror().revision("acc_1", "sub_1")).isBetween(1L, 2L);
	}

	@Test
	void syncStateWhenNeverSyncedThenEmpty() {
		assertThat(mirror().syncState("acc_1")).isEmpty();
	}

	@Test
	void markSyncedThenLatestStateKept() {
		mirror().markSynced("acc_1", new SyncState(null, T1));
		assertThat(mirror().syncState("acc_1")).contains(new SyncState(null, T1));
		mirror().markSynced("acc_1", new SyncState("cus_1", T2));
		assertThat(mirror().syncState("acc_1")).contains(new SyncState("cus_1", T2));
		assertThat(mirror().syncState("acc_2")).isEmpty();
	}

}
