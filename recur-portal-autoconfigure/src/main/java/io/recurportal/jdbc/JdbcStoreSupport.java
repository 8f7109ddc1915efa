package io.recurportal.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * What every JDBC store of the portal needs: a {@link JdbcClient}, the transactions that
 * writes belonging together run in, table names with their configurable prefix, and an
 * insert that does nothing when the key exists.
 * <p>
 * Timestamps are stored as {@code timestamp with time zone} in UTC, to the microsecond:
 * what PostgreSQL keeps.
 */
public final class JdbcStoreSupport {

	/** The table prefix when none is configured. */
	public static final String DEFAULT_TABLE_PREFIX = "recur_portal_";

	// The prefix is written into SQL: letters, digits and underscores only, never quotes.
	private static final Pattern TABLE_PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final String tablePrefix;

	private volatile @Nullable Boolean postgres;

	/**
	 * Creates the support for stores on a data source.
	 * @param dataSource the database
	 * @param transactions the transactions of that database; stores' writes join a
	 * transaction already running, such as the one a webhook is processed in
	 * @param tablePrefix what every table name starts with, {@code recur_portal_} by default
	 */
	public JdbcStoreSupport(DataSource dataSource, TransactionOperations transactions, String tablePrefix) {
		Assert.notNull(dataSource, "'dataSource' must not be null");
		Assert.notNull(transactions, "'transactions' must not be null");
		Assert.isTrue(isValidTablePrefix(tablePrefix),
				() -> "'tablePrefix' must be letters, digits and underscores (at most 40), not '" + tablePrefix + "'");
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = transactions;
		this.tablePrefix = tablePrefix;
	}

	/**
	 * Whether a table prefix can be used: letters, digits and underscores, not starting
	 * with a digit, at most 40 characters.
	 * @param tablePrefix the prefix
	 * @return {@code true} when valid
	 */
	public static boolean isValidTablePrefix(@Nullable String tablePrefix) {
		return tablePrefix != null && TABLE_PREFIX.matcher(tablePrefix).matches();
	}

	/**
	 * The client statements run with.
	 * @return the client
	 */
	public JdbcClient jdbc() {
		return this.jdbc;
	}

	/**
	 * A table's name with the prefix.
	 * @param name the name without prefix, {@code session} for example
	 * @return the full name
	 */
	public String table(String name) {
		return this.tablePrefix + name;
	}

	/**
	 * Runs work in a transaction, joining one already running.
	 * @param <T> what the work answers
	 * @param work the work
	 * @return what the work answered
	 */
	public <T> T inTransaction(Supplier<T> work) {
		return this.transactions.execute((status) -> work.get());
	}

	/**
	 * Runs an insert that does nothing when a row with the same key exists, also when
	 * that row is being inserted by another transaction at the same moment: the insert
	 * then waits for it, and inserts only if it rolls back.
	 * @param insert the {@code INSERT} statement with named parameters
	 * @param keyColumns the comma-separated columns of the unique key
	 * @param parameters the statement's parameters
	 * @return whether a row was inserted
	 */
	public boolean insertIfAbsent(String insert, String keyColumns, Map<String, ?> parameters) {
		if (isPostgres()) {
			// A failed statement would abort PostgreSQL's whole transaction: never let it fail.
			String ignoringConflicts = insert + " ON CONFLICT (" + keyColumns + ") DO NOTHING";
			return this.jdbc.sql(ignoringConflicts).params(parameters).update() == 1;
		}
		try {
			return this.jdbc.sql(insert).params(parameters).update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Writes one row in a transaction: the update, or, when it matched no row, the insert;
	 * when another transaction inserted the row meanwhile, the update once more, so the
	 * update's conditions decide against the row that won.
	 * @param update the conditional {@code UPDATE} with named parameters
	 * @param insert the {@code INSERT} with named parameters
	 * @param keyColumns the comma-separated columns of the unique key
	 * @param parameters the parameters of both statements
	 * @return whether a row was written; {@code false} when the update's conditions kept
	 * the stored row
	 */
	public boolean updateOrInsert(String update, String insert, String keyColumns, Map<String, ?> parameters) {
		return inTransaction(() -> this.jdbc.sql(update).params(parameters).update() == 1
				|| insertIfAbsent(insert, keyColumns, parameters)
				|| this.jdbc.sql(update).params(parameters).update() == 1);
	}

	/**
	 * Whether the stores' database is PostgreSQL, whose statements some stores write more
	 * efficiently.
	 * @return {@code true} on PostgreSQL
	 */
	public boolean isPostgres() {
		Boolean postgres = this.postgres;
		if (postgres == null) {
			postgres = "PostgreSQL".equals(databaseProductName());
			this.postgres = postgres;
		}
		return postgres;
	}

	private @Nullable String databaseProductName() {
		try {
			return JdbcUtils.extractDatabaseMetaData(this.dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Could not tell which database the portal's tables are in", ex);
		}
	}

	/**
	 * A time as a statement parameter, typed so that {@code null} binds on every driver.
	 * @param instant the time, or {@code null}
	 * @return the parameter: the time in UTC, to the microsecond
	 */
	public static SqlParameterValue timestamp(@Nullable Instant instant) {
		OffsetDateTime value = (instant != null)
				? OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC) : null;
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, value);
	}

	/**
	 * A time read from a column.
	 * @param resultSet the row
	 * @param column the column
	 * @return the time, or {@code null} when the column is null
	 * @throws SQLException when it cannot be read
	 */
	public static @Nullable Instant instant(ResultSet resultSet, String column) throws SQLException {
		OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * A time read from a column that is never null.
	 * @param resultSet the row
	 * @param column the column
	 * @return the time
	 * @throws SQLException when it cannot be read or is null
	 */
	public static Instant requiredInstant(ResultSet resultSet, String column) throws SQLException {
		Instant instant = instant(resultSet, column);
		if (instant == null) {
			throw new SQLException("Column " + column + " is null");
		}
		return instant;
	}

}
