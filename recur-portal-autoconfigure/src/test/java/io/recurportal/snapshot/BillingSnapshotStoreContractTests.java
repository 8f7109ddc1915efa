package io.recurportal.snapshot;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every billing snapshot store: in memory, on H2 and on PostgreSQL.
 */
class BillingSnapshotStoreContractTests extends StoreContractTests<BillingSnapshotStore> {

	private static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");

	private static final Instant T2 = T1.plusSeconds(5);

	private static final Instant T3 = T1.plusSeconds(10);

	private BillingSnapshotStore store;

	BillingSnapshotStoreContractTests() {
		super(InMemoryBillingSnapshotStore::new, JdbcBillingSnapshotStore::new);
	}

	BillingSnapshotStore store() {
		if (this.store == null) {
			this.store = createStore();
		}
		return this.store;
	}

	@Test
	void findWhenNothingSavedThenEmpty() {
		assertThat(store().find("acct_1", "customer")).isEmpty();
	}

	@Test
	void findWhenSavedThenFoundByAccountAndKind() {
		store().save("acct_1", "customer", new BillingSnapshot("{\"id\":\"cus_1\"}", T1));
		assertThat(store().find("acct_1", "customer")).contains(new BillingSnapshot("{\"id\":\"cus_1\"}", T1));
		assertThat(store().find("acct_1", "invoices")).isEmpty();
		assertThat(store().find("acct_2", "customer")).isEmpty();
	}

	@Test
	void saveWhenSavedAgainThenLaterReadKept() {
		store().save("acct_1", "invoices", new BillingSnapshot("[1]", T1));
		store().save("acct_1", "invoices", new BillingSnapshot("[2]", T2));
		assertThat(store().find("acct_1", "invoices")).map(BillingSnapshot::json).contains("[2]");
	}

	@Test
	void saveWhenOlderReadArrivesLastThenNewerKept() {
		store().save("acct_1", "invoices", new BillingSnapshot("[2]", T2));
		store().save("acct_1", "invoices", new BillingSnapshot("[1]", T1));
		assertThat(store().find("acct_1", "invoices")).map(BillingSnapshot::json).contains("[2]");
	}

	@Test
	void invalidateThenSnapshotsOfThatAccountGone() {
		store().save("acct_1", "customer", new BillingSnapshot("{}", T1));
		store().save("acct_1", "invoices", new BillingSnapshot("[]", T1));
		store().save("acct_2", "customer", new BillingSnapshot("{}", T1));
		store().invalidate("acct_1", T2);
		assertThat(store().find("acct_1", "customer")).isEmpty();
		assertThat(store().find("acct_1", "invoices")).isEmpty();
		assertThat(store().find("acct_2", "customer")).isPresent();
	}

	@Test
	void saveWhenReadBeganBeforeChangeThenNeverFound() {
		// A view read the provider at T1, the account changed at T2, and the view's
		// answer is stored only afterwards: it is the old state and must not be shown.
		store().invalidate("acct_1", T2);
		store().save("acct_1", "customer", new BillingSnapshot("{\"old\":true}", T1));
		assertThat(store().find("acct_1", "customer")).isEmpty();
	}

	@Test
	void saveWhenReadBeganAfterChangeThenFound() {
		store().invalidate("acct_1", T2);
		store().save("acct_1", "customer", new BillingSnapshot("{\"new\":true}", T3));
		assertThat(store().find("acct_1", "customer")).map(BillingSnapshot::json).contains("{\"new\":true}");
	}

	@Test
	void invalidateWhenOlderChangeArrivesLastThenLaterChangeKept() {
		store().invalidate("acct_1", T3);
		store().invalidate("acct_1", T1);
		store().save("acct_1", "customer", new BillingSnapshot("{}", T2));
		assertThat(store().find("acct_1", "customer")).isEmpty();
	}

}
