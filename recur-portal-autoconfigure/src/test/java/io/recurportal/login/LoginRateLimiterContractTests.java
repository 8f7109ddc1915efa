package io.recurportal.login;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.recurportal.testsupport.JdbcStoreFixture;
import io.recurportal.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every login rate limiter: in memory, on H2 and on PostgreSQL; the
 * database ones also across two instances sharing the table.
 */
class LoginRateLimiterContractTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration HOUR = Duration.ofHours(1);

	@Nested
	class InMemory extends Contract {

		@Override
		LoginRateLimiter create() {
			return new InMemoryLoginRateLimiter();
		}

	}

	@Nested
	class H2 extends SharedContract {

		H2() {
			super(JdbcStoreFixture.h2());
		}

	}

	@Nested
	class PostgreSql extends SharedContract {

		PostgreSql() {
			super(JdbcStoreFixture.postgres());
		}

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

	abstract static class SharedContract extends Contract {

		private final JdbcStoreFixture fixture;

		SharedContract(JdbcStoreFixture fixture) {
			this.fixture = fixture;
		}

		@Override
		LoginRateLimiter create() {
			return this.fixture.create(JdbcLoginRateLimiter::new);
		}

		@AfterEach
		void close() {
			this.fixture.close();
		}

	}

	abstract static class Contract {

		abstract LoginRateLimiter create();

		@Test
		void tryAcquireWhenUnderTheLimitThenAllowedUntilItIsReached() {
			LoginRateLimiter limiter = create();
			for (int i = 0; i < 5; i++) {
				assertThat(limiter.tryAcquire("address:127.0.0.1", 5, HOUR, T0.plusSeconds(i))).isTrue();
			}
			assertThat(limiter.tryAcquire("address:127.0.0.1", 5, HOUR, T0.plusSeconds(10))).isFalse();
		}

		@Test
		void tryAcquireWhenLimitReachedThenOtherKeysAreUnaffected() {
			LoginRateLimiter limiter = create();
			assertThat(limiter.tryAcquire("email:a@example.com", 1, HOUR, T0)).isTrue();
			assertThat(limiter.tryAcquire("email:a@example.com", 1, HOUR, T0)).isFalse();
			assertThat(limiter.tryAcquire("email:b@example.com", 1, HOUR, T0)).isTrue();
		}

		@Test
		void tryAcquireWhenWindowHasPassedThenAllowedAgain() {
			LoginRateLimiter limiter = create();
			assertThat(limiter.tryAcquire("email:a@example.com", 2, HOUR, T0)).isTrue();
			assertThat(limiter.tryAcquire("email:a@example.com", 2, HOUR, T0.plusSeconds(60))).isTrue();
			assertThat(limiter.tryAcquire("email:a@example.com", 2, HOUR, T0.plusSeconds(120))).isFalse();
			assertThat(limiter.tryAcquire("email:a@example.com", 2, HOUR, T0.plus(HOUR).plusSeconds(121))).isTrue();
		}

	}

}
