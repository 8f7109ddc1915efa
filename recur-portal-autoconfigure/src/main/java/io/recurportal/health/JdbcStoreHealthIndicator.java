package io.recurportal.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.util.Assert;

import io.recurportal.jdbc.JdbcStoreSupport;
import io.recurportal.jdbc.PortalTables;

/**
 * The health of the portal's JDBC stores: UP when the database answers and every portal
 * table can be read, which proves the schema was created as well as that the database is
 * reachable. A missing table is DOWN with the tables under {@code missingTables} and a
 * {@code hint} on creating them; a database that cannot be reached is DOWN with the
 * error.
 * <p>
 * Each table costs one query that reads no row ({@code SELECT 1 FROM t WHERE 1 = 0}),
 * all on one connection.
 */
public final class JdbcStoreHealthIndicator extends AbstractHealthIndicator {

	private static final String PLATFORM_PLACEHOLDER = "@@platform@@";

	// undefined_table (PostgreSQL); base table not found (H2, MySQL, SQL Server), and H2's
	// states for a table not found beside similar names, or in an empty database.
	private static final Set<String> MISSING_TABLE_STATES = Set.of("42P01", "42S02", "42S03", "42S04");

	private final DataSource dataSource;

	private final List<String> tables;

	private final String schemaLocation;

	private final @Nullable String platform;

	/**
	 * Creates an indicator.
	 * @param dataSource the database of the stores
	 * @param tablePrefix the prefix of the portal's tables
	 * @param schemaLocation the schema file, {@code @@platform@@} standing for the
	 * database, named in the hint when tables are missing
	 * @param platform the database's name in the schema file's location, or {@code null}
	 * to tell it from the database
	 */
	public JdbcStoreHealthIndicator(DataSource dataSource, String tablePrefix, String schemaLocation,
			@Nullable String platform) {
		super("The portal's database could not be checked");
		Assert.notNull(dataSource, "'dataSource' must not be null");
		// Table names are written into SQL: only prefixes the stores accept.
		Assert.isTrue(JdbcStoreSupport.isValidTablePrefix(tablePrefix), "'tablePrefix' is not a valid table prefix");
		Assert.hasText(schemaLocation, "'schemaLocation' must not be empty");
		this.dataSource = dataSource;
		this.tables = PortalTables.withPrefix(tablePrefix);
		this.schemaLocation = schemaLocation;
		this.platform = platform;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws SQLException {
		builder.withDetail("store", "jdbc");
		try (Connection connection = this.dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName();
			builder.withDetail("database", product);
			List<String> missing = missingTables(connection);
			if (missing.isEmpty()) {
				builder.up();
				return;
			}
			builder.down()
				.withDetail("missingTables", missing)
				.withDetail("hint", "Create the portal's tables: set recur.portal.jdbc.initialize-schema=always, "
						+ "or run " + schemaFile(product));
		}
	}

	private List<String> missingTables(Connection connection) throws SQLException {
		List<String> missing = new ArrayList<>();
		for (String table : this.tables) {
			try (Statement statement = connection.createStatement()) {
				statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
			}
			catch (SQLException ex) {
				if (!MISSING_TABLE_STATES.contains(ex.getSQLState())) {
					throw ex;
				}
				// PostgreSQL refuses every later statement of a failed transaction.
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
				missing.add(table);
			}
		}
		return missing;
	}

	private String schemaFile(String product) {
		String name = (this.platform != null) ? this.platform : DatabaseDriver.fromProductName(product).getId();
		return this.schemaLocation.replace(PLATFORM_PLACEHOLDER, name);
	}

}
