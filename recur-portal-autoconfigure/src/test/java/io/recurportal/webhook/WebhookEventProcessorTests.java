package io.recurportal.webhook;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionOperations;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;
import io.recurportal.customer.BillingAccountCustomerResolver;
import io.recurportal.testsupport.TestSnapshots;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.InMemorySubscriptionMirror;
import io.recurportal.subscription.JdbcSubscriptionMirror;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.testsupport.TestDatabases;
import io.recurportal.billing.BillingEventSink.Outcome;

import static io.recurportal.testsupport.TestSubscriptions.active;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class WebhookEventProcessorTests {

	private static final Instant T1 = Instant.parse("2026-03-01T12:00:00Z");

	private static final BillingEvent PAID = new BillingEvent("evt_paid", BillingEventType.INVOICE_PAID, T1, "cus_1",
			"sub_1", "in_1", null);

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final List<Object> published = new ArrayList<>();

	private final List<HikariDataSource> dataSources = new ArrayList<>();

	@AfterEach
	void closeDataSources() {
		this.dataSources.forEach(HikariDataSource::close);
	}

	private WebhookEventProcessor processor(WebhookEventStore store, SubscriptionMirror mirror,
			ApplicationEventPublisher publisher, ProcessingTransactions transactions) {
		AccountSnapshots snapshots = TestSnapshots.inMemory();
		WebhookEventHandler handler = new WebhookEventHandler(this.gateway, mirror,
				new AccountSubscriptions(this.gateway, mirror, new BillingAccountCustomerResolver(this.gateway,
						snapshots),
						snapshots, Clock.systemUTC()),
				snapshots);
		return new WebhookEventProcessor(store, handler, publisher, transactions, Clock.systemUTC());
	}

	private void providerHasSubscription() {
		given(this.gateway.findSubscription("sub_1")).willReturn(Optional.of(active("sub_1")));
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional.of(
				new Customer("cus_1", "acc_1", null, null, null, null, null, null, 0, null, Map.of())));
	}

	@Test
	void processWhenNewThenProcessedAndEventsPublished() {
		providerHasSubscription();
		InMemoryWebhookEventStore store = new InMemoryWebhookEventStore(10);
		WebhookEventProcessor processor = processor(store, new InMemorySubscriptionMirror(), this.published::add,
				ProcessingTransactions.none());
		assertThat(processor.process(PAID)).isEqualTo(Outcome.PROCESSED);
		assertThat(store.isProcessed("evt_paid")).isTrue();
		assertThat(this.published).containsExactly(new PaymentSucceededEvent("evt_paid", "acc_1", "cus_1", "in_1",
				"sub_1"));
	}

	@Test
	void processWhenDeliveredAgainThenDuplicateAndNothingPublished() {
		providerHasSubscription();
		WebhookEventProcessor processor = processor(new InMemoryWebhookEventStore(10), new InMemorySubscriptionMirror(),
				this.published::add, ProcessingTransactions.none());
		processor.process(PAID);
		assertThat(processor.process(PAID)).isEqualTo(Outcome.DUPLICATE);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void processThenEventsCountedByResultAndLagTakenFromTheEventsCreation() {
		providerHasSubscription();
		AccountSnapshots snapshots = TestSnapshots.inMemory();
		InMemorySubscriptionMirror mirror = new InMemorySubscriptionMirror();
		WebhookEventHandler handler = new WebhookEventHandler(this.gateway, mirror, new AccountSubscriptions(
				this.gateway, mirror, (account) -> Optional.empty(), snapshots, Clock.systemUTC()), snapshots);
		WebhookEventProcessor processor = new WebhookEventProcessor(new InMemoryWebhookEventStore(10), handler,
				this.published::add, ProcessingTransactions.none(), Clock.fixed(T1.plusSeconds(5), ZoneOffset.UTC));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		processor.setMetrics(new PortalMetrics(registry));

		processor.process(PAID);
		processor.process(PAID);

		assertThat(registry.get(PortalMetrics.WEBHOOK_EVENTS).tags("type", "invoice.paid", "result", "processed")
			.counter()
			.count()).isEqualTo(1);
		assertThat(registry.get(PortalMetrics.WEBHOOK_EVENTS).tags("type", "invoice.paid", "result", "duplicate")
			.counter()
			.count()).isEqualTo(1);
		Timer lag = registry.get(PortalMetrics.WEBHOOK_LAG).tag("type", "invoice.paid").timer();
		assertThat(lag.count()).isEqualTo(1);
		assertThat(lag.totalTime(TimeUnit.SECONDS)).isEqualTo(5);
	}

	@Test
	void processWhenUnknownTypeThenIgnoredAndNotRecorded() {
		InMemoryWebhookEventStore store = new InMemoryWebhookEventStore(10);
		WebhookEventProcessor processor = processor(store, new InMemorySubscriptionMirror(), this.published::add,
				ProcessingTransactions.none());
		BillingEvent refund = new BillingEvent("evt_r", null, "charge.refunded", T1, "cus_1", null, null, null);
		assertThat(processor.process(refund)).isEqualTo(Outcome.IGNORED);
		assertThat(store.isProcessed("evt_r")).isFalse();
	}

	@Test
	void processWhenFailingInMemoryThenClaimReleasedAndRetryProcessed() {
		given(this.gateway.findSubscription("sub_1"))
			.willThrow(new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, "Stripe is down"))
			.willReturn(Optional.of(active("sub_1")));
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional.of(
				new Customer("cus_1", "acc_1", null, null, null, null, null, null, 0, null, Map.of())));
		InMemoryWebhookEventStore store = new InMemoryWebhookEventStore(10);
		WebhookEventProcessor processor = processor(store, new InMemorySubscriptionMirror(), this.published::add,
				ProcessingTransactions.none());
		assertThatExceptionOfType(PortalException.class).isThrownBy(() -> processor.process(PAID));
		assertThat(store.isProcessed("evt_paid")).isFalse();
		assertThat(this.published).isEmpty();
		assertThat(processor.process(PAID)).isEqualTo(Outcome.PROCESSED);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void processWhenFailingAfterAWriteOnJdbcThenAllRolledBack() {
		// The subscription is stored, then the payment's customer lookup fails.
		given(this.gateway.findSubscription("sub_1")).willReturn(Optional.of(active("sub_1")));
		given(this.gateway.findCustomer("cus_1"))
			.willReturn(Optional.of(new Customer("cus_1", "acc_1", null, null, null, null, null, null, 0, null,
					Map.of())))
			.willThrow(new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, "Stripe is down"));
		HikariDataSource dataSource = TestDatabases.h2();
		this.dataSources.add(dataSource);
		String prefix = TestDatabases.uniqueTablePrefix();
		TestDatabases.createTables(dataSource, prefix);
		TransactionOperations transactions = TestDatabases.transactions(dataSource);
		JdbcWebhookEventStore store = new JdbcWebhookEventStore(dataSource, transactions, prefix);
		JdbcSubscriptionMirror mirror = new JdbcSubscriptionMirror(dataSource, transactions, prefix);
		WebhookEventProcessor processor = processor(store, mirror, this.published::add,
				new SpringProcessingTransactions(transactions));
		assertThatExceptionOfType(PortalException.class).isThrownBy(() -> processor.process(PAID));
		assertThat(mirror.find("acc_1", "sub_1")).isEmpty();
		assertThat(store.isProcessed("evt_paid")).isFalse();
		assertThat(this.published).isEmpty();
	}

	@Test
	void processOnJdbcThenEventsPublishedAfterCommit() {
		providerHasSubscription();
		HikariDataSource dataSource = TestDatabases.h2();
		this.dataSources.add(dataSource);
		String prefix = TestDatabases.uniqueTablePrefix();
		TestDatabases.createTables(dataSource, prefix);
		TransactionOperations transactions = TestDatabases.transactions(dataSource);
		JdbcSubscriptionMirror mirror = new JdbcSubscriptionMirror(dataSource, transactions, prefix);
		List<Boolean> committedWhenPublished = new ArrayList<>();
		ApplicationEventPublisher publisher = (event) -> {
			// Another connection sees only what is committed.
			committedWhenPublished.add(processedOnAnotherConnection(dataSource, prefix));
			this.published.add(event);
		};
		WebhookEventProcessor processor = processor(new JdbcWebhookEventStore(dataSource, transactions, prefix),
				mirror, publisher, new SpringProcessingTransactions(transactions));
		processor.process(PAID);
		assertThat(this.published).hasSize(1);
		assertThat(committedWhenPublished).containsExactly(true);
	}

	@Test
	void processWhenListenerFailsThenStillProcessed() {
		providerHasSubscription();
		InMemoryWebhookEventStore store = new InMemoryWebhookEventStore(10);
		WebhookEventProcessor processor = processor(store, new InMemorySubscriptionMirror(), (event) -> {
			throw new IllegalStateException("listener down");
		}, ProcessingTransactions.none());
		assertThat(processor.process(PAID)).isEqualTo(Outcome.PROCESSED);
		assertThat(store.isProcessed("evt_paid")).isTrue();
	}

	private static boolean processedOnAnotherConnection(HikariDataSource dataSource, String prefix) {
		try (Connection connection = dataSource.getConnection();
				var statement = connection.prepareStatement(
						"SELECT COUNT(*) FROM " + prefix + "webhook_event WHERE event_id = 'evt_paid'");
				var resultSet = statement.executeQuery()) {
			resultSet.next();
			return resultSet.getInt(1) == 1;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
