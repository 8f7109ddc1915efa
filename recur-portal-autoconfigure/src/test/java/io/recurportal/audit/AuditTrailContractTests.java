package io.recurportal.audit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every audit trail: in memory, on H2 and on PostgreSQL.
 */
class AuditTrailContractTests extends StoreContractTests<AuditTrail> {

	private static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");

	private AuditTrail trail;

	AuditTrailContractTests() {
		super(() -> new InMemoryAuditTrail(100), JdbcAuditTrail::new);
	}

	AuditTrail trail() {
		if (this.trail == null) {
			this.trail = createStore();
		}
		return this.trail;
	}

	@Test
	void findByAccountWhenNothingRecordedThenEmpty() {
		assertThat(trail().findByAccount("acc_1", 10)).isEmpty();
	}

	@Test
	void findByAccountThenEntriesAsRecorded() {
		AuditEntry entry = new AuditEntry(T1, "acc_1", "user_1", "cancel_subscription", "sub_1",
				AuditEntry.SUCCEEDED);
		AuditEntry anonymous = new AuditEntry(T1.plusSeconds(1), "acc_1", null, "sync", null,
				"provider_unavailable");
		trail().record(entry);
		trail().record(anonymous);
		assertThat(trail().findByAccount("acc_1", 10)).containsExactly(anonymous, entry);
	}

	@Test
	void findByAccountThenOnlyThatAccountNewestFirstUpToLimit() {
		for (int i = 0; i < 5; i++) {
			trail().record(new AuditEntry(T1.plusSeconds(i), "acc_1", "user_1", "action_" + i, null,
					AuditEntry.SUCCEEDED));
			trail().record(new AuditEntry(T1.plusSeconds(i), "acc_2", "user_2", "other_" + i, null,
					AuditEntry.SUCCEEDED));
		}
		assertThat(trail().findByAccount("acc_1", 3)).extracting(AuditEntry::action)
			.containsExactly("action_4", "action_3", "action_2");
	}

	@Test
	void findByAccountWhenSameInstantThenLatestRecordedFirst() {
		trail().record(new AuditEntry(T1, "acc_1", "user_1", "first", null, AuditEntry.SUCCEEDED));
		trail().record(new AuditEntry(T1, "acc_1", "user_1", "second", null, AuditEntry.SUCCEEDED));
		assertThat(trail().findByAccount("acc_1", 10)).extracting(AuditEntry::action)
			.containsExactly("second", "first");
	}

	@Test
	void findByAccountThenDetailAsRecordedAndRefusalsToo() {
		AuditEntry cancel = new AuditEntry(T1, "acc_1", "user_1", "cancel_subscription", "sub_1",
				AuditEntry.SUCCEEDED, "too_expensive\nWe moved to a cheaper tool.");
		AuditEntry refused = new AuditEntry(T1.plusSeconds(1), "acc_1", "user_2", "cancel_subscription", null,
				"owner_required");
		trail().record(cancel);
		trail().record(refused);
		assertThat(trail().findByAccount("acc_1", 10)).containsExactly(refused, cancel);
		assertThat(trail().findByAccount("acc_1", 10).get(1).detail())
			.isEqualTo("too_expensive\nWe moved to a cheaper tool.");
		assertThat(refused.detail()).isNull();
	}

	@Test
	void detailIsKeptUpToItsLongestLength() {
		String comment = "x".repeat(AuditEntry.MAX_DETAIL_LENGTH + 50);
		trail().record(new AuditEntry(T1, "acc_1", "user_1", "cancel_subscription", "sub_1", AuditEntry.SUCCEEDED,
				comment));
		assertThat(trail().findByAccount("acc_1", 1).get(0).detail()).hasSize(AuditEntry.MAX_DETAIL_LENGTH);
	}

	@Test
	void findByAccountWhenLimitBelowOneThenEmpty() {
		trail().record(new AuditEntry(T1, "acc_1", "user_1", "first", null, AuditEntry.SUCCEEDED));
		assertThat(trail().findByAccount("acc_1", 0)).isEmpty();
	}

}
