package io.recurportal.audit;

import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.recurportal.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An audit table made by an earlier version (without {@code detail}) keeps its rows and
 * gains the column when the portal's schema runs again, on H2 and on PostgreSQL; running
 * it once more changes nothing.
 */
class AuditTableMigrationTests {

	private static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");

	@Test
	void h2TableWithoutDetailGainsIt() {
		try (HikariDataSource dataSource = TestDatabases.h2()) {
			migrates(dataSource, TestDatabases.uniqueTablePrefix());
		}
	}

	@Test
	void postgresTableWithoutDetailGainsIt() {
		try (HikariDataSource dataSource = TestDatabases.postgresPool()) {
			migrates(dataSource, TestDatabases.uniqueTablePrefix());
		}
	}

	private static void migrates(HikariDataSource dataSource, String prefix) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		// The table as the earlier schema made it, with a row in it.
		jdbc.sql("CREATE TABLE " + prefix + "audit (id BIGINT GENERATED ALWAYS AS IDENTITY, "
				+ "occurred_at TIMESTAMP WITH TIME ZONE NOT NULL, account_id VARCHAR(255) NOT NULL, "
				+ "user_id VARCHAR(255), action VARCHAR(100) NOT NULL, target VARCHAR(255), "
				+ "result VARCHAR(100) NOT NULL, CONSTRAINT " + prefix + "audit_pk PRIMARY KEY (id))")
			.update();
		jdbc.sql("INSERT INTO " + prefix + "audit (occurred_at, account_id, user_id, action, target, result) "
				+ "VALUES (TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 'acc_1', 'alice', 'sync_subscriptions', "
				+ "NULL, 'succeeded')")
			.update();

		TestDatabases.createTables(dataSource, prefix);
		TestDatabases.createTables(dataSource, prefix);

		JdbcAuditTrail trail = new JdbcAuditTrail(dataSource, TestDatabases.transactions(dataSource), prefix);
		trail.record(new AuditEntry(T1, "acc_1", "alice", "cancel_subscription", "sub_1", AuditEntry.SUCCEEDED,
				"too_expensive"));
		assertThat(trail.findByAccount("acc_1", 10)).extracting(AuditEntry::action, AuditEntry::detail)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("cancel_subscription", "too_expensive"),
					org.assertj.core.groups.Tuple.tuple("sync_subscriptions", null));
	}

}
