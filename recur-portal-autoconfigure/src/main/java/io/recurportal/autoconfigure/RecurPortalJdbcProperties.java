package io.recurportal.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

import io.recurportal.jdbc.JdbcStoreSupport;
import io.recurportal.jdbc.PortalSchemaInitializer;

/**
 * Configuration properties of the portal's JDBC stores, used when
 * {@code recur.portal.store} is {@code jdbc}, or {@code auto} and the host has a
 * {@code DataSource}.
 */
@ConfigurationProperties("recur.portal.jdbc")
public class RecurPortalJdbcProperties {

	/**
	 * When to create the portal's tables on start: 'embedded' only for an embedded
	 * database such as H2 in memory, 'always', or 'never' (the host runs the schema file
	 * itself, with Flyway or Liquibase for example).
	 */
	private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

	/**
	 * Prefix of the portal's table names: letters, digits and underscores.
	 */
	private String tablePrefix = JdbcStoreSupport.DEFAULT_TABLE_PREFIX;

	/**
	 * Location of the schema file; '@@platform@@' stands for the database ('postgresql',
	 * 'h2').
	 */
	private String schema = PortalSchemaInitializer.DEFAULT_SCHEMA_LOCATION;

	/**
	 * Database name used in the schema file's location. When unset, it is told from the
	 * data source.
	 */
	private @Nullable String platform;

	/**
	 * How often expired portal sessions and old webhook event ids are deleted. Every
	 * instance deletes; running at the same time does no harm.
	 */
	private Duration cleanupInterval = Duration.ofMinutes(10);

	/**
	 * How long ids of processed webhook events are kept to recognise a redelivery.
	 * Stripe retries for up to three days.
	 */
	private Duration webhookEventRetention = Duration.ofDays(30);

	public DatabaseInitializationMode getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public String getTablePrefix() {
		return this.tablePrefix;
	}

	public void setTablePrefix(String tablePrefix) {
		this.tablePrefix = tablePrefix;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public @Nullable String getPlatform() {
		return this.platform;
	}

	public void setPlatform(@Nullable String platform) {
		this.platform = platform;
	}

	public Duration getCleanupInterval() {
		return this.cleanupInterval;
	}

	public void setCleanupInterval(Duration cleanupInterval) {
		this.cleanupInterval = cleanupInterval;
	}

	public Duration getWebhookEventRetention() {
		return this.webhookEventRetention;
	}

	public void setWebhookEventRetention(Duration webhookEventRetention) {
		this.webhookEventRetention = webhookEventRetention;
	}

}
