package io.recurportal.webhook;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every webhook event store: in memory, on H2 and on PostgreSQL.
 */
class WebhookEventStoreContractTests extends StoreContractTests<WebhookEventStore> {

	private static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");

	private WebhookEventStore store;

	WebhookEventStoreContractTests() {
		super(() -> new InMemoryWebhookEventStore(100), JdbcWebhookEventStore::new);
	}

	WebhookEventStore store() {
		if (this.store == null) {
			this.store = createStore();
		}
		return this.store;
	}

	@Test
	void claimWhenNewThenClaimedAndProcessed() {
		assertThat(store().isProcessed("evt_1")).isFalse();
		assertThat(store().claim("evt_1", "invoice.paid", "claim_1", T1)).isTrue();
		assertThat(store().isProcessed("evt_1")).isTrue();
	}

	@Test
	void claimWhenClaimedThenFalse() {
		store().claim("evt_1", "invoice.paid", "claim_1", T1);
		assertThat(store().claim("evt_1", "invoice.paid", "claim_2", T1.plusSeconds(5))).isFalse();
		assertThat(store().claim("evt_2", "invoice.paid", "claim_3", T1)).isTrue();
	}

	@Test
	void releaseThenClaimableAgain() {
		store().claim("evt_1", "invoice.paid", "claim_1", T1);
		store().release("evt_1", "claim_1");
		assertThat(store().isProcessed("evt_1")).isFalse();
		assertThat(store().claim("evt_1", "invoice.paid", "claim_2", T1)).isTrue();
	}

	@Test
	void releaseWhenAnotherClaimThenKept() {
		store().claim("evt_1", "invoice.paid", "claim_1", T1);
		store().release("evt_1", "claim_2");
		assertThat(store().isProcessed("evt_1")).isTrue();
	}

	@Test
	void releaseWhenNotClaimedThenNothing() {
		store().release("evt_1", "claim_1");
		assertThat(store().isProcessed("evt_1")).isFalse();
	}

	@Test
	void deleteReceivedBeforeThenOnlyOlderForgotten() {
		store().claim("evt_old", "invoice.paid", "claim_1", T1);
		store().claim("evt_new", "invoice.paid", "claim_2", T1.plusSeconds(10));
		assertThat(store().deleteReceivedBefore(T1.plusSeconds(10))).isEqualTo(1);
		assertThat(store().isProcessed("evt_old")).isFalse();
		assertThat(store().isProcessed("evt_new")).isTrue();
		assertThat(store().deleteReceivedBefore(T1.plusSeconds(10))).isZero();
	}

}
