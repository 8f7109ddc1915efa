package io.recurportal.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PortalTablesTests {

	private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS recur_portal_(\\w+)");

	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "h2" })
	void namesAreTheTablesTheSchemaFileCreates(String platform) throws IOException {
		String schema;
		try (InputStream in = getClass().getResourceAsStream("schema-" + platform + ".sql")) {
			assertThat(in).isNotNull();
			schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<String> created = CREATE_TABLE.matcher(schema).results().map((result) -> result.group(1)).toList();

		assertThat(created).isNotEmpty();
		assertThat(PortalTables.NAMES).containsExactlyInAnyOrderElementsOf(created);
	}

	@Test
	void withPrefixPrefixesEveryName() {
		assertThat(PortalTables.withPrefix("app_")).hasSize(PortalTables.NAMES.size())
			.contains("app_session", "app_webhook_event");
	}

}
