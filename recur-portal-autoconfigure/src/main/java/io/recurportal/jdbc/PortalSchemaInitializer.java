package io.recurportal.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;
import org.springframework.util.StreamUtils;

/**
 * Creates the portal's tables from the schema file of the database in use, as Spring
 * Session's JDBC initializer does: {@code embedded} only for an embedded database,
 * {@code always}, or {@code never}. Every statement of the files can run again, so
 * {@code always} is safe on every start.
 * <p>
 * The files name tables with the default prefix {@code recur_portal_}; another prefix
 * replaces it as the files are run.
 */
public class PortalSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	/** Where the schema files are, {@code @@platform@@} standing for the database. */
	public static final String DEFAULT_SCHEMA_LOCATION = "classpath:io/recurportal/jdbc/schema-@@platform@@.sql";

	private static final Pattern DEFAULT_PREFIX = Pattern
		.compile("\\b" + Pattern.quote(JdbcStoreSupport.DEFAULT_TABLE_PREFIX));

	private final String tablePrefix;

	/**
	 * Creates an initializer.
	 * @param dataSource the database
	 * @param mode when to create the tables
	 * @param tablePrefix the table prefix
	 * @param schemaLocation the schema file, {@code @@platform@@} standing for the database
	 * @param platform the database's name in file names ({@code postgresql}, {@code h2}),
	 * or {@code null} to tell it from the data source
	 */
	public PortalSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode, String tablePrefix,
			String schemaLocation, @Nullable String platform) {
		super(dataSource, settings(dataSource, mode, schemaLocation, platform));
		Assert.isTrue(JdbcStoreSupport.isValidTablePrefix(tablePrefix),
				() -> "'tablePrefix' must be letters, digits and underscores (at most 40), not '" + tablePrefix + "'");
		this.tablePrefix = tablePrefix;
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, DatabaseInitializationMode mode,
			String schemaLocation, @Nullable String platform) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(mode);
		if (mode != DatabaseInitializationMode.NEVER) {
			// Resolving the platform opens a connection: not when the tables are the host's job.
			PlatformPlaceholderDatabaseDriverResolver resolver = new PlatformPlaceholderDatabaseDriverResolver();
			settings.setSchemaLocations((platform != null) ? resolver.resolveAll(platform, schemaLocation)
					: resolver.resolveAll(dataSource, schemaLocation));
		}
		return settings;
	}

	@Override
	protected void runScripts(Scripts scripts) {
		Charset encoding = (scripts.getEncoding() != null) ? scripts.getEncoding() : StandardCharsets.UTF_8;
		List<Resource> prefixed = new ArrayList<>();
		for (Resource script : scripts) {
			prefixed.add(withTablePrefix(script, encoding));
		}
		super.runScripts(new Scripts(prefixed).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(encoding));
	}

	private Resource withTablePrefix(Resource script, Charset encoding) {
		try {
			String sql = StreamUtils.copyToString(script.getInputStream(), encoding);
			String prefixed = DEFAULT_PREFIX.matcher(sql).replaceAll(Matcher.quoteReplacement(this.tablePrefix));
			return new ByteArrayResource(prefixed.getBytes(encoding), script.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + script.getDescription(), ex);
		}
	}

}
