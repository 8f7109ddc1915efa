package io.recurportal.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.recurportal.testsupport.StoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same cases for every store of account-to-customer links: in memory, on H2 and on
 * PostgreSQL.
 */
class AccountCustomerLinksContractTests extends StoreContractTests<AccountCustomerLinks> {

	private static final int RACERS = 8;

	AccountCustomerLinksContractTests() {
		super(InMemoryAccountCustomerLinks::new, JdbcAccountCustomerLinks::new);
	}

	@Test
	void findWhenNeverLinkedThenEmpty() {
		assertThat(createStore().find("acc_1")).isEmpty();
	}

	@Test
	void linkThenFound() {
		AccountCustomerLinks links = createStore();

		assertThat(links.link("acc_1", "cus_1")).isEqualTo("cus_1");

		assertThat(links.find("acc_1")).contains("cus_1");
		assertThat(links.find("acc_2")).isEmpty();
	}

	@Test
	void linkWhenLinkedToAnotherCustomerThenFirstLinkStays() {
		AccountCustomerLinks links = createStore();
		links.link("acc_1", "cus_1");

		assertThat(links.link("acc_1", "cus_2")).isEqualTo("cus_1");
		assertThat(links.link("acc_1", "cus_1")).isEqualTo("cus_1");

		assertThat(links.find("acc_1")).contains("cus_1");
	}

	@Test
	void linkOfSeveralAccountsToOneCustomerKeepsEach() {
		AccountCustomerLinks links = createStore();

		links.link("acc_1", "cus_1");
		links.link("acc_2", "cus_1");

		assertThat(links.find("acc_1")).contains("cus_1");
		assertThat(links.find("acc_2")).contains("cus_1");
	}

	@Test
	void linkWhenInstancesRaceThenNoneFailsAndAllAgreeOnTheWinner() throws Exception {
		AccountCustomerLinks links = createStore();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(RACERS);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < RACERS; i++) {
				String customerId = "cus_" + i;
				Callable<String> racer = () -> {
					start.await();
					return links.link("acc_race", customerId);
				};
				results.add(executor.submit(racer));
			}
			start.countDown();
			List<String> answers = new ArrayList<>();
			for (Future<String> result : results) {
				answers.add(result.get());
			}
			String winner = links.find("acc_race").orElseThrow();
			assertThat(answers).containsOnly(winner);
		}
		finally {
			executor.shutdownNow();
		}
	}

}
