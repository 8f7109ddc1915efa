package io.recurportal.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every pending email change store: in memory, on H2 and on
 * PostgreSQL.
 */
class EmailChangeStoreContractTests extends StoreContractTests<EmailChangeStore> {

	private static final Instant CREATED = Instant.parse("2026-02-01T10:00:00Z");

	private static final Instant EXPIRES = CREATED.plus(Duration.ofHours(24));

	private static final Instant NOW = CREATED.plusSeconds(60);

	static PendingEmailChange change(String customerId, String email) {
		return new PendingEmailChange(customerId, "acct_1", "user_1", email, "full", "ja", CREATED, EXPIRES);
	}

	private EmailChangeStore store;

	EmailChangeStoreContractTests() {
		super(InMemoryEmailChangeStore::new, JdbcEmailChangeStore::new);
	}

	EmailChangeStore store() {
		if (this.store == null) {
			this.store = createStore();
		}
		return this.store;
	}

	@Test
	void findWhenSavedThenByTokenHashAndCustomer() {
		store().save(change("cus_1", "new@example.com"), "hash_1");
		assertThat(store().findByTokenHash("hash_1", NOW)).contains(change("cus_1", "new@example.com"));
		assertThat(store().findByCustomerId("cus_1", NOW)).contains(change("cus_1", "new@example.com"));
		assertThat(store().findByCustomerId("cus_2", NOW)).isEmpty();
		assertThat(store().findByTokenHash("hash_2", NOW)).isEmpty();
	}

	@Test
	void findWhenUserIdAndLocaleAreNullThenEqual() {
		PendingEmailChange bare = new PendingEmailChange("cus_1", "acct_1", null, "new@example.com", "full", null,
				CREATED, EXPIRES);
		store().save(bare, "hash_1");
		assertThat(store().findByTokenHash("hash_1", NOW)).contains(bare);
	}

	@Test
	void saveWhenCustomerHasAPendingChangeThenTheNewOneReplacesItAndTheOldLinkDies() {
		store().save(change("cus_1", "first@example.com"), "hash_1");
		store().save(change("cus_1", "second@example.com"), "hash_2");
		assertThat(store().findByCustomerId("cus_1", NOW)).contains(change("cus_1", "second@example.com"));
		assertThat(store().findByTokenHash("hash_1", NOW)).isEmpty();
		assertThat(store().redeem("hash_1", NOW)).isEmpty();
		assertThat(store().redeem("hash_2", NOW)).contains(change("cus_1", "second@example.com"));
	}

	@Test
	void redeemThenOnceOnly() {
		store().save(change("cus_1", "new@example.com"), "hash_1");
		assertThat(store().redeem("hash_1", NOW)).contains(change("cus_1", "new@example.com"));
		assertThat(store().redeem("hash_1", NOW.plusSeconds(1))).isEmpty();
		assertThat(store().findByCustomerId("cus_1", NOW)).isEmpty();
	}

	@Test
	void redeemAndFindWhenExpiredThenEmpty() {
		store().save(change("cus_1", "new@example.com"), "hash_1");
		assertThat(store().findByTokenHash("hash_1", EXPIRES)).isEmpty();
		assertThat(store().findByCustomerId("cus_1", EXPIRES)).isEmpty();
		assertThat(store().redeem("hash_1", EXPIRES)).isEmpty();
		assertThat(store().redeem("hash_1", EXPIRES.minusMillis(1))).isPresent();
	}

	@Test
	void redeemWhenManyAtOnceThenExactlyOneGetsTheChange() throws Exception {
		store().save(change("cus_1", "new@example.com"), "hash_1");
		int callers = 8;
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Optional<PendingEmailChange>>> results = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				results.add(executor.submit(() -> {
					start.await();
					return store().redeem("hash_1", NOW);
				}));
			}
			start.countDown();
			int redeemed = 0;
			for (Future<Optional<PendingEmailChange>> result : results) {
				redeemed += result.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
			}
			assertThat(redeemed).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

}
