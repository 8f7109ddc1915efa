package io.recurportal.benchmarks.storm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.JsonNode;

import io.recurportal.benchmarks.storm.host.StormHostApplication;

/**
 * The one PostgreSQL both hosts share (embedded, 127.0.0.1 only), a fresh database for
 * each scenario with the tables of the portal's own {@code schema-postgresql.sql} as the
 * portal's jar has it, and the reads the benchmark checks the hosts' work with.
 */
final class StormDatabase implements AutoCloseable {

	private static final String SCHEMA = "/io/recurportal/jdbc/schema-postgresql.sql";

	private final EmbeddedPostgres postgres;

	private StormDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static StormDatabase start() throws IOException {
		return new StormDatabase(EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "300")
			.setOutputRedirector(Redirect.DISCARD)
			.setErrorRedirector(Redirect.DISCARD)
			.start());
	}

	/**
	 * Creates a database with the portal's tables and the hosts' event table.
	 * @param name the database's name
	 * @return its JDBC URL
	 */
	String create(String name) throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name);
			statement.execute("CREATE DATABASE " + name);
		}
		try (Connection connection = connect(name); Statement statement = connection.createStatement()) {
			statement.execute(schema());
			statement.execute("CREATE TABLE " + StormHostApplication.EVENTS_TABLE + " (kind VARCHAR(100) NOT NULL,"
					+ " event_id VARCHAR(255) NOT NULL, invoice_id VARCHAR(255), instance VARCHAR(20),"
					+ " recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())");
		}
		return url(name);
	}

	String url(String name) {
		return "jdbc:postgresql://127.0.0.1:" + this.postgres.getPort() + "/" + name;
	}

	Connection connect(String name) throws SQLException {
		return DriverManager.getConnection(url(name), "postgres", "postgres");
	}

	/**
	 * The mirror's rows of the storm's subscriptions.
	 * @return by subscription id
	 */
	static Map<String, MirrorRow> mirror(Connection connection) throws SQLException {
		Map<String, MirrorRow> rows = new HashMap<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT subscription_id, data FROM"
				+ " recur_portal_subscription WHERE subscription_id LIKE 'sub\\_storm%' AND data IS NOT NULL");
				ResultSet resultSet = statement.executeQuery()) {
			while (resultSet.next()) {
				JsonNode data = StripeObjects.read(resultSet.getString(2));
				rows.put(resultSet.getString(1), new MirrorRow(data.path("status").asString(""),
						data.path("latestInvoiceId").asString(""), epochSecond(data.path("currentPeriodEnd"))));
			}
		}
		return rows;
	}

	/**
	 * How many times the hosts published each application event of the storm (not of the
	 * warm-up).
	 * @return counts by {@code kind event_id}
	 */
	static Map<String, Integer> hostEvents(Connection connection) throws SQLException {
		Map<String, Integer> counts = new HashMap<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT kind, event_id, count(*) FROM "
				+ StormHostApplication.EVENTS_TABLE + " WHERE event_id LIKE 'evt\\_storm%' GROUP BY kind, event_id");
				ResultSet resultSet = statement.executeQuery()) {
			while (resultSet.next()) {
				counts.put(resultSet.getString(1) + " " + resultSet.getString(2), resultSet.getInt(3));
			}
		}
		return counts;
	}

	static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
			return resultSet.next() ? resultSet.getLong(1) : 0;
		}
	}

	// The mirror's JSON writes instants as ISO-8601 text or as (fractional) epoch seconds.
	private static long epochSecond(JsonNode value) {
		if (value.isNumber()) {
			return value.asLong();
		}
		try {
			return Instant.parse(value.asString("")).getEpochSecond();
		}
		catch (DateTimeParseException ex) {
			return -1;
		}
	}

	private static String schema() {
		try (InputStream in = StormDatabase.class.getResourceAsStream(SCHEMA)) {
			if (in == null) {
				throw new IllegalStateException("The portal's jar has no " + SCHEMA);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

	/** What the benchmark compares of a mirrored subscription. */
	record MirrorRow(String status, String latestInvoiceId, long currentPeriodEnd) {
	}

}
