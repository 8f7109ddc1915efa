package io.recurportal.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import io.recurportal.jdbc.PortalSchemaInitializer;
import io.recurportal.jdbc.PortalTables;
import io.recurportal.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link JdbcStoreHealthIndicator} on a real PostgreSQL and on H2.
 */
class JdbcStoreHealthIndicatorTests {

	private HikariDataSource dataSource;

	@AfterEach
	void close() {
		if (this.dataSource != null) {
			this.dataSource.close();
		}
	}

	static Stream<Arguments> databases() {
		return Stream.of(
				Arguments.of("PostgreSQL", "postgresql", (Supplier<HikariDataSource>) TestDatabases::postgresPool),
				Arguments.of("H2", "h2", (Supplier<HikariDataSource>) TestDatabases::h2));
	}

	/** Opens the database and creates the portal's tables under a prefix of this test's own. */
	private String tablesOn(Supplier<HikariDataSource> database) {
		this.dataSource = database.get();
		String prefix = TestDatabases.uniqueTablePrefix();
		TestDatabases.createTables(this.dataSource, prefix);
		return prefix;
	}

	private static JdbcStoreHealthIndicator indicator(DataSource dataSource, String prefix) {
		return new JdbcStoreHealthIndicator(dataSource, prefix, PortalSchemaInitializer.DEFAULT_SCHEMA_LOCATION, null);
	}

	private void drop(String table) {
		JdbcClient.create(this.dataSource).sql("DROP TABLE " + table).update();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void healthWhenEveryTableIsThereThenUp(String product, String platform, Supplier<HikariDataSource> database) {
		String prefix = tablesOn(database);

		Health health = indicator(this.dataSource, prefix).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsOnly(entry("store", "jdbc"), entry("database", product));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void healthWhenATableWasDroppedThenDownNamingItAndHowToCreateIt(String product, String platform,
			Supplier<HikariDataSource> database) {
		String prefix = tablesOn(database);
		drop(prefix + "session");

		Health health = indicator(this.dataSource, prefix).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).contains(entry("store", "jdbc"), entry("database", product),
				entry("missingTables", List.of(prefix + "session")));
		assertThat((String) health.getDetails().get("hint")).contains("recur.portal.jdbc.initialize-schema=always")
			.contains("classpath:io/recurportal/jdbc/schema-" + platform + ".sql");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void healthWhenNoTableWasCreatedThenDownNamingEveryTable(String product, String platform,
			Supplier<HikariDataSource> database) {
		this.dataSource = database.get();
		String prefix = TestDatabases.uniqueTablePrefix();

		Health health = indicator(this.dataSource, prefix).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("missingTables", PortalTables.withPrefix(prefix));
	}

	@Test
	void healthWhenConnectionsAreNotAutoCommitThenEveryMissingTableIsStillFoundOnPostgres() {
		// A failed statement aborts PostgreSQL's whole transaction: the later tables must still be checked.
		String prefix = tablesOn(TestDatabases::postgresPool);
		drop(prefix + "subscription");
		drop(prefix + "login_attempt");
		DataSource manualCommit = new DelegatingDataSource(this.dataSource) {

			@Override
			public Connection getConnection() throws SQLException {
				Connection connection = super.getConnection();
				connection.setAutoCommit(false);
				return connection;
			}

		};

		Health health = indicator(manualCommit, prefix).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("missingTables",
				List.of(prefix + "subscription", prefix + "login_attempt"));
	}

	@Test
	void healthWhenThePlatformIsConfiguredThenTheHintNamesItsSchemaFile() {
		this.dataSource = TestDatabases.h2();

		Health health = new JdbcStoreHealthIndicator(this.dataSource, "none_", "classpath:db/portal-@@platform@@.sql",
				"postgresql")
			.health();

		assertThat((String) health.getDetails().get("hint")).endsWith("run classpath:db/portal-postgresql.sql");
	}

	@Test
	void healthWhenTheDatabaseCannotBeReachedThenDownWithTheError() {
		String prefix = tablesOn(TestDatabases::h2);
		this.dataSource.close();

		Health health = indicator(this.dataSource, prefix).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("store", "jdbc").containsKey("error");
	}

}
