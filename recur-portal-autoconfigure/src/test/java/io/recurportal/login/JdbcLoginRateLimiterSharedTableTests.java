package io.recurportal.login;

import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application on one PostgreSQL database share the login limits.
 */
class JdbcLoginRateLimiterSharedTableTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration HOUR = Duration.ofHours(1);

	@Test
	void tryAcquireWhenTwoInstancesShareTheDatabaseThenTheyShareTheLimit() {
		String prefix = TestDatabases.uniqueTablePrefix();
		try (HikariDataSource one = TestDatabases.postgresPool(); HikariDataSource two = TestDatabases.postgresPool()) {
			TestDatabases.createTables(one, prefix);
			LoginRateLimiter first = new JdbcLoginRateLimiter(one, TestDatabases.transactions(one), prefix);
			LoginRateLimiter second = new JdbcLoginRateLimiter(two, TestDatabases.transactions(two), prefix);
			assertThat(first.tryAcquire("email:a@example.com", 3, HOUR, T0)).isTrue();
			assertThat(second.tryAcquire("email:a@example.com", 3, HOUR, T0.plusSeconds(1))).isTrue();
			assertThat(first.tryAcquire("email:a@example.com", 3, HOUR, T0.plusSeconds(2))).isTrue();
			assertThat(second.tryAcquire("email:a@example.com", 3, HOUR, T0.plusSeconds(3))).isFalse();
			assertThat(first.tryAcquire("email:a@example.com", 3, HOUR, T0.plusSeconds(4))).isFalse();
		}
	}

}
