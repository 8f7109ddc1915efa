package io.recurportal.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventSink;
import io.recurportal.billing.BillingEventSink.Outcome;
import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.sandbox.autoconfigure.SandboxPortalAutoConfiguration;
import io.recurportal.billing.stripe.autoconfigure.StripeWebhookAutoConfiguration;
import io.recurportal.customer.EmailChangeStore;
import io.recurportal.customer.PendingEmailChange;
import io.recurportal.session.JdbcPortalSessionStore;
import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessionStore;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.testsupport.TestDatabases;
import io.recurportal.webhook.PortalBillingEvent;
import io.recurportal.webhook.RefreshWorker;
import io.recurportal.webhook.SubscriptionUpdatedEvent;

import static io.recurportal.testsupport.TestSubscriptions.active;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.mock;

/**
 * Two instances of an application on one PostgreSQL: two application contexts, each
 * with its own connection pool, sharing only the database.
 */
class SharedDatabaseInstancesTests {

	private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final String tablePrefix = TestDatabases.uniqueTablePrefix();

	private final ApplicationContextRunner instance = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RecurPortalJdbcAutoConfiguration.class,
				RecurPortalAutoConfiguration.class, RecurPortalWebhookAutoConfiguration.class,
						StripeWebhookAutoConfiguration.class, SandboxPortalAutoConfiguration.class))
		.withBean(DataSource.class, TestDatabases::postgresPool)
		.withBean(BillingGateway.class, () -> this.gateway)
		.withPropertyValues("recur.portal.jdbc.initialize-schema=always",
				"recur.portal.jdbc.table-prefix=" + this.tablePrefix,
				// Each test drains the work itself, on the instance it chooses.
				"recur.portal.webhook.work.auto-startup=false");

	private static PortalSession session(String id) {
		return new PortalSession(id, "cus_1", "acc_1", "full", null, null, true, CREATED,
				Instant.now().plus(Duration.ofHours(1)), null, null);
	}

	private void onTwoInstances(TwoInstances test) {
		this.instance.run((first) -> this.instance.run((second) -> {
			assertThat(first.getBean(PortalSessionStore.class)).isInstanceOf(JdbcPortalSessionStore.class);
			assertThat(first.getBean(DataSource.class)).isNotSameAs(second.getBean(DataSource.class));
			test.run(first, second);
		}));
	}

	@Test
	void sessionCreatedOnOneInstanceIsRedeemedOnceOnTheOther() {
		onTwoInstances((first, second) -> {
			first.getBean(PortalSessionStore.class).create(session("portal_sess_a"), "hash_a");
			Instant now = Instant.now();
			Optional<PortalSession> redeemed = second.getBean(PortalSessionStore.class)
				.redeem("hash_a", "browser_a", now, now.plusSeconds(600));
			assertThat(redeemed).map(PortalSession::id).contains("portal_sess_a");
			assertThat(first.getBean(PortalSessionStore.class).redeem("hash_a", "browser_b", now, now.plusSeconds(600)))
				.isEmpty();
			assertThat(first.getBean(PortalSessionStore.class).findByBrowserTokenHash("browser_a", now)).isPresent();
		});
	}

	@Test
	void sixtyFourConcurrentRedemptionsAcrossBothInstancesGiveExactlyOneSession() {
		onTwoInstances((first, second) -> {
			first.getBean(PortalSessionStore.class).create(session("portal_sess_race"), "hash_race");
			List<PortalSessionStore> stores = List.of(first.getBean(PortalSessionStore.class),
					second.getBean(PortalSessionStore.class));
			List<Optional<PortalSession>> results = concurrently(64, (i) -> {
				Instant now = Instant.now();
				return stores.get(i % 2).redeem("hash_race", "browser_" + i, now, now.plusSeconds(600));
			});
			assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
		});
	}

	@Test
	void emailChangeAskedOnOneInstanceIsConfirmedOnceAcrossBoth() {
		onTwoInstances((first, second) -> {
			Instant now = Instant.now();
			first.getBean(EmailChangeStore.class)
				.save(new PendingEmailChange("cus_1", "acc_1", null, "new@example.com", "full", null, now,
						now.plus(Duration.ofHours(24))), "hash_email");
			assertThat(second.getBean(EmailChangeStore.class).findByCustomerId("cus_1", now)).isPresent();
			List<EmailChangeStore> stores = List.of(first.getBean(EmailChangeStore.class),
					second.getBean(EmailChangeStore.class));
			List<Optional<PendingEmailChange>> results = concurrently(64,
					(i) -> stores.get(i % 2).redeem("hash_email", Instant.now()));
			assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
		});
	}

	@Test
	void sameWebhooksDeliveredToBothAtOnceAreRecordedOnceAndReadOnce() {
		given(this.gateway.findSubscription("sub_1")).willReturn(Optional.of(active("sub_1")));
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional
			.of(new Customer("cus_1", "acc_1", null, null, null, null, null, null, 0, null, Map.of())));
		List<Object> heard = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<PortalBillingEvent>> listener = (event) -> heard
			.add(event.getPayload());
		this.instance.withBean("listener", ApplicationListener.class, () -> listener).run((first) -> this.instance
			.withBean("listener", ApplicationListener.class, () -> listener)
			.run((second) -> {
				List<BillingEventSink> recorders = List.of(first.getBean(BillingEventSink.class),
						second.getBean(BillingEventSink.class));
				int events = 10;
				for (int e = 0; e < events; e++) {
					BillingEvent event = new BillingEvent("evt_both_" + e, BillingEventType.SUBSCRIPTION_UPDATED,
							CREATED.plusSeconds(e), "cus_1", "sub_1", null, null);
					List<Outcome> outcomes = concurrently(2, (i) -> recorders.get(i).process(event));
					assertThat(outcomes).containsExactlyInAnyOrder(Outcome.PROCESSED, Outcome.DUPLICATE);
				}
				verifyNoInteractions(this.gateway);
				List<RefreshWorker> workers = List.of(first.getBean(RefreshWorker.class),
						second.getBean(RefreshWorker.class));
				List<Integer> done = concurrently(2, (i) -> workers.get(i).drain());
				assertThat(done).containsExactlyInAnyOrder(0, 1);
				// Ten events, one read, one announcement under the newest event's id.
				verify(this.gateway, times(1)).findSubscription("sub_1");
				assertThat(heard).singleElement()
					.isInstanceOfSatisfying(SubscriptionUpdatedEvent.class,
							(updated) -> assertThat(updated.eventId()).isEqualTo("evt_both_9"));
				assertThat(second.getBean(SubscriptionMirror.class).find("acc_1", "sub_1")).contains(active("sub_1"));
			}));
	}

	/**
	 * Runs tasks on as many threads, released together.
	 */
	private static <T> List<T> concurrently(int count, Function<Integer, T> task) {
		CyclicBarrier start = new CyclicBarrier(count);
		ExecutorService executor = Executors.newFixedThreadPool(count);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(executor.submit(() -> {
					start.await();
					return task.apply(index);
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface TwoInstances {

		void run(AssertableApplicationContext first, AssertableApplicationContext second);

	}

}
