package io.recurportal.email;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every sent-email store: in memory, on H2 and on PostgreSQL.
 */
class SentEmailStoreContractTests extends StoreContractTests<SentEmailStore> {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	SentEmailStoreContractTests() {
		super(InMemorySentEmailStore::new, JdbcSentEmailStore::new);
	}

	@Test
	void claimWhenFirstThenClaimedAndNeverAgain() {
		SentEmailStore store = createStore();
		assertThat(store.claim("evt_1", "payment-failed", "c1", T0)).isTrue();
		assertThat(store.claim("evt_1", "payment-failed", "c2", T0.plusSeconds(1))).isFalse();
	}

	@Test
	void claimWhenSameEventOtherKindThenClaimedApart() {
		SentEmailStore store = createStore();
		assertThat(store.claim("evt_1", "payment-failed", "c1", T0)).isTrue();
		assertThat(store.claim("evt_1", "reactivated", "c2", T0)).isTrue();
		assertThat(store.claim("evt_2", "payment-failed", "c3", T0)).isTrue();
	}

	@Test
	void releaseWhenOwnClaimThenClaimableAgain() {
		SentEmailStore store = createStore();
		store.claim("evt_1", "canceled", "c1", T0);
		store.release("evt_1", "canceled", "c1");
		assertThat(store.claim("evt_1", "canceled", "c2", T0)).isTrue();
	}

	@Test
	void releaseWhenAnotherClaimThenKept() {
		SentEmailStore store = createStore();
		store.claim("evt_1", "canceled", "c1", T0);
		store.release("evt_1", "canceled", "someone-else");
		store.release("evt_1", "plan-changed", "c1");
		assertThat(store.claim("evt_1", "canceled", "c2", T0)).isFalse();
	}

	@Test
	void deleteClaimedBeforeForgetsOnlyOlderClaims() {
		SentEmailStore store = createStore();
		store.claim("evt_old", "canceled", "c1", T0);
		store.claim("evt_new", "canceled", "c2", T0.plusSeconds(3600));
		assertThat(store.deleteClaimedBefore(T0.plusSeconds(60))).isEqualTo(1);
		assertThat(store.claim("evt_old", "canceled", "c3", T0)).isTrue();
		assertThat(store.claim("evt_new", "canceled", "c4", T0)).isFalse();
	}

	@Test
	void claimWhenRacingThenExactlyOneWins() throws Exception {
		SentEmailStore store = createStore();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Boolean>> claims = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String claimId = "c" + i;
				claims.add(() -> store.claim("evt_race", "payment-failed", claimId, T0));
			}
			long won = 0;
			for (Future<Boolean> result : executor.invokeAll(claims)) {
				won += result.get() ? 1 : 0;
			}
			assertThat(won).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

}
