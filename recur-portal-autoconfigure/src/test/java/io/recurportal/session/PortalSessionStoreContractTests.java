package io.recurportal.session;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The same cases for every portal session store: in memory, on H2 and on PostgreSQL.
 */
class PortalSessionStoreContractTests extends StoreContractTests<PortalSessionStore> {

	private static final Instant CREATED = Instant.parse("2026-02-01T10:00:00Z");

	private static final Instant EXPIRES = CREATED.plus(Duration.ofHours(1));

	private static final Instant NOW = CREATED.plusSeconds(60);

	private static final Instant BROWSER_EXPIRES = NOW.plus(Duration.ofMinutes(30));

	static PortalSession session(String id) {
		return new PortalSession(id, "cus_1", "acc_1", "full", "https://app.example.com/account", "ja", true, CREATED,
				EXPIRES, null, null);
	}

	private PortalSessionStore store;

	PortalSessionStoreContractTests() {
		super(InMemoryPortalSessionStore::new, JdbcPortalSessionStore::new);
	}

	PortalSessionStore store() {
		if (this.store == null) {
			this.store = createStore();
		}
		return this.store;
	}

	@Test
	void findByIdWhenCreatedThenEqual() {
		store().create(session("portal_sess_1"), "hash_1");
		assertThat(store().findById("portal_sess_1")).contains(session("portal_sess_1"));
		assertThat(store().findByTokenHash("hash_1")).contains(session("portal_sess_1"));
	}

	@Test
	void findWhenUnknownThenEmpty() {
		assertThat(store().findById("portal_sess_1")).isEmpty();
		assertThat(store().findByTokenHash("hash_1")).isEmpty();
		assertThat(store().findByBrowserTokenHash("browser_1", NOW)).isEmpty();
	}

	@Test
	void findWhenNullableFieldsAreNullThenEqual() {
		PortalSession bare = new PortalSession("portal_sess_1", "cus_1", null, "invoices", null, null, false,
				CREATED, EXPIRES, null, null);
		store().create(bare, "hash_1");
		assertThat(store().findById("portal_sess_1")).contains(bare);
	}

	@Test
	void createWhenIdOrTokenHashTakenThenFails() {
		store().create(session("portal_sess_1"), "hash_1");
		assertThatIllegalStateException().isThrownBy(() -> store().create(session("portal_sess_1"), "hash_2"));
		assertThatIllegalStateException().isThrownBy(() -> store().create(session("portal_sess_2"), "hash_1"));
		assertThat(store().findById("portal_sess_2")).isEmpty();
	}

	@Test
	void redeemWhenFreshThenOpenedAndBoundToBrowser() {
		store().create(session("portal_sess_1"), "hash_1");
		PortalSession expected = session("portal_sess_1").redeemed(NOW, BROWSER_EXPIRES);
		assertThat(store().redeem("hash_1", "browser_1", NOW, BROWSER_EXPIRES)).contains(expected);
		assertThat(store().findById("portal_sess_1")).contains(expected);
		assertThat(store().findByBrowserTokenHash("browser_1", NOW)).contains(expected);
	}

	@Test
	void redeemWhenTokenUsedThenEmpty() {
		store().create(session("portal_sess_1"), "hash_1");
		store().redeem("hash_1", "browser_1", NOW, BROWSER_EXPIRES);
		assertThat(store().redeem("hash_1", "browser_2", NOW.plusSeconds(1), BROWSER_EXPIRES)).isEmpty();
		assertThat(store().findByBrowserTokenHash("browser_2", NOW)).isEmpty();
		assertThat(store().findByBrowserTokenHash("browser_1", NOW)).isPresent();
	}

	@Test
	void redeemWhenExpiredThenEmpty() {
		store().create(session("portal_sess_1"), "hash_1");
		assertThat(store().redeem("hash_1", "browser_1", EXPIRES, EXPIRES.plusSeconds(60))).isEmpty();
		assertThat(store().findById("portal_sess_1")).contains(session("portal_sess_1"));
	}

	@Test
	void redeemWhenJustBeforeExpiryThenOpened() {
		store().create(session("portal_sess_1"), "hash_1");
		assertThat(store().redeem("hash_1", "browser_1", EXPIRES.minusSeconds(1), BROWSER_EXPIRES)).isPresent();
	}

	@Test
	void redeemWhenUnknownTokenThenEmpty() {
		assertThat(store().redeem("hash_1", "browser_1", NOW, BROWSER_EXPIRES)).isEmpty();
	}

	@Test
	void findByBrowserTokenHashWhenBrowserSessionExpiredThenEmpty() {
		store().create(session("portal_sess_1"), "hash_1");
		store().redeem("hash_1", "browser_1", NOW, BROWSER_EXPIRES);
		assertThat(store().findByBrowserTokenHash("browser_1", BROWSER_EXPIRES.minusSeconds(1))).isPresent();
		assertThat(store().findByBrowserTokenHash("browser_1", BROWSER_EXPIRES)).isEmpty();
	}

	@Test
	void endBrowserSessionThenBrowserTokenNoLongerWorksAndLinkStaysUsed() {
		store().create(session("portal_sess_1"), "hash_1");
		store().redeem("hash_1", "browser_1", NOW, BROWSER_EXPIRES);
		store().endBrowserSession("browser_1");
		assertThat(store().findByBrowserTokenHash("browser_1", NOW)).isEmpty();
		assertThat(store().findById("portal_sess_1")).contains(session("portal_sess_1").redeemed(NOW, NOW));
		assertThat(store().findById("portal_sess_1").get().isActive(NOW)).isFalse();
		assertThat(store().redeem("hash_1", "browser_2", NOW, BROWSER_EXPIRES)).isEmpty();
	}

	@Test
	void endBrowserSessionWhenUnknownThenNothingChanges() {
		store().create(session("portal_sess_1"), "hash_1");
		store().endBrowserSession("browser_1");
		assertThat(store().findById("portal_sess_1")).contains(session("portal_sess_1"));
	}

	@Test
	void deleteExpiredThenOnlySessionsWhoseLinkAndBrowserSessionEnded() {
		store().create(session("portal_sess_unused"), "hash_unused");
		store().create(session("portal_sess_browsing"), "hash_browsing");
		store().create(session("portal_sess_ended"), "hash_ended");
		Instant browsingUntil = EXPIRES.plus(Duration.ofHours(2));
		store().redeem("hash_browsing", "browser_browsing", NOW, browsingUntil);
		store().redeem("hash_ended", "browser_ended", NOW, BROWSER_EXPIRES);
		Instant later = EXPIRES.plusSeconds(1);
		assertThat(store().deleteExpired(later)).isEqualTo(2);
		assertThat(store().findById("portal_sess_unused")).isEmpty();
		assertThat(store().findById("portal_sess_ended")).isEmpty();
		assertThat(store().findByTokenHash("hash_ended")).isEmpty();
		assertThat(store().findByBrowserTokenHash("browser_browsing", later)).isPresent();
		assertThat(store().deleteExpired(later)).isZero();
		assertThat(store().deleteExpired(browsingUntil.plusSeconds(1))).isEqualTo(1);
	}

	@Test
	void deleteExpiredWhenNothingEndedThenNone() {
		store().create(session("portal_sess_1"), "hash_1");
		assertThat(store().deleteExpired(NOW)).isZero();
		assertThat(store().deleteExpired(EXPIRES)).isZero();
		assertThat(store().findById("portal_sess_1")).isPresent();
	}

}
