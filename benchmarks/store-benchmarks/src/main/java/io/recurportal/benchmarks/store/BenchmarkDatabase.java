package io.recurportal.benchmarks.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import io.recurportal.jdbc.JdbcStoreSupport;
import io.recurportal.jdbc.PortalSchemaInitializer;

/**
 * A new, empty database on the embedded PostgreSQL with the portal's tables, made by the
 * portal's own schema file, and a connection pool to it. A JMH fork opens one in its
 * trial setup and closes it, which drops it, in its trial teardown. Without a server
 * port in {@value PostgresServer#PORT_PROPERTY} (a fork started by JMH's own main, for
 * example) it starts a server of its own and stops it on close.
 */
final class BenchmarkDatabase implements AutoCloseable {

	/** Connections in the pool: as many as the most threads a benchmark runs with. */
	static final int POOL_SIZE = 32;

	/** The portal's default table prefix, as a host gets it. */
	static final String TABLE_PREFIX = JdbcStoreSupport.DEFAULT_TABLE_PREFIX;

	private final int port;

	private final String name;

	private final HikariDataSource dataSource;

	private final TransactionOperations transactions;

	private final @Nullable PostgresServer ownServer;

	private BenchmarkDatabase(int port, String name, @Nullable PostgresServer ownServer) {
		this.port = port;
		this.name = name;
		this.ownServer = ownServer;
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url(port, name));
		config.setUsername("postgres");
		config.setPoolName("store-benchmarks");
		config.setMaximumPoolSize(POOL_SIZE);
		config.setMinimumIdle(POOL_SIZE);
		this.dataSource = new HikariDataSource(config);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		new PortalSchemaInitializer(this.dataSource, DatabaseInitializationMode.ALWAYS, TABLE_PREFIX,
				PortalSchemaInitializer.DEFAULT_SCHEMA_LOCATION, null)
			.initializeDatabase();
	}

	/**
	 * Creates a database on the run's server, or on a server of its own when there is
	 * none.
	 * @return the database; close it when done
	 */
	static BenchmarkDatabase create() {
		String port = System.getProperty(PostgresServer.PORT_PROPERTY);
		if (port != null) {
			return create(Integer.parseInt(port), null);
		}
		PostgresServer server = PostgresServer.start();
		try {
			return create(server.port(), server);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * Creates a database on a server.
	 * @param server the server
	 * @return the database; close it when done
	 */
	static BenchmarkDatabase create(PostgresServer server) {
		return create(server.port(), null);
	}

	private static BenchmarkDatabase create(int port, @Nullable PostgresServer ownServer) {
		String name = "bench_" + UUID.randomUUID().toString().replace("-", "");
		administer(port, "CREATE DATABASE " + name);
		return new BenchmarkDatabase(port, name, ownServer);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	TransactionOperations transactions() {
		return this.transactions;
	}

	/**
	 * Runs DDL, for the baselines' own tables.
	 * @param sql the statement
	 */
	void execute(String sql) {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql, ex);
		}
	}

	/**
	 * The first column of the first row of a query.
	 * @param sql the query
	 * @return the value as a string
	 */
	String query(String sql) {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet resultSet = statement.executeQuery(sql)) {
			resultSet.next();
			return resultSet.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.dataSource.close();
			administer(this.port, "DROP DATABASE " + this.name + " WITH (FORCE)");
		}
		finally {
			if (this.ownServer != null) {
				this.ownServer.close();
			}
		}
	}

	private static void administer(int port, String sql) {
		try (Connection connection = DriverManager.getConnection(url(port, "postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql, ex);
		}
	}

	private static String url(int port, String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

}
