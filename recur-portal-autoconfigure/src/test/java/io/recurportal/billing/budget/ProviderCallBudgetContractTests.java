package io.recurportal.billing.budget;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.MutableClock;
import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every provider-call budget: in memory, on H2 and on PostgreSQL.
 */
class ProviderCallBudgetContractTests extends StoreContractTests<ProviderCallBudget> {

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00.100Z"));

	ProviderCallBudgetContractTests() {
		super(() -> new InMemoryProviderCallBudget(5, clock),
				(dataSource, transactions, prefix) -> new JdbcProviderCallBudget(dataSource, transactions, prefix, 5,
						clock));
	}

	@Test
	void grantsUpToTheLimitPerSecond() {
		ProviderCallBudget budget = createStore();
		assertThat(budget.limit()).isEqualTo(5);
		assertThat(budget.acquire(3)).isEqualTo(3);
		assertThat(budget.acquire(3)).isEqualTo(2);
		assertThat(budget.acquire(1)).isZero();
		assertThat(budget.used()).isEqualTo(5);
		clock.advance(Duration.ofMillis(800));
		assertThat(budget.acquire(1)).isZero();
		clock.advance(Duration.ofMillis(200));
		assertThat(budget.used()).isZero();
		assertThat(budget.acquire(10)).isEqualTo(5);
		assertThat(budget.acquire(0)).isZero();
	}

}
