package io.recurportal.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import io.recurportal.billing.BillingEventSink;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.budget.InMemoryProviderCallBudget;
import io.recurportal.billing.budget.ProviderCallBudget;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.webhook.InMemoryRefreshQueue;
import io.recurportal.webhook.InMemoryWebhookEventStore;
import io.recurportal.webhook.ProcessingTransactions;
import io.recurportal.webhook.RefreshQueue;
import io.recurportal.webhook.RefreshScheduler;
import io.recurportal.webhook.RefreshWorker;
import io.recurportal.webhook.WebhookEventRecorder;
import io.recurportal.webhook.WebhookEventStore;
import io.recurportal.webhook.WebhookRefresher;

/**
 * Auto-configuration of the provider-neutral processing of provider events: the
 * {@link BillingEventSink} each provider's event source (Stripe's webhook, the sandbox's
 * events) delivers to, which only records them ({@link WebhookEventRecorder}), and the
 * work behind it: the refresh queue, the provider-call budget, the refresher and the
 * worker with its scheduler ({@code recur.portal.webhook.work.*}), and their gauges.
 */
@AutoConfiguration(
		after = { RecurPortalAutoConfiguration.class, RecurPortalBillingAutoConfiguration.class,
				RecurPortalSecurityAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet."
						+ "ManagementWebSecurityAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "recur.portal.webhook.enabled", matchIfMissing = true)
@ConditionalOnBean({ BillingGateway.class, SubscriptionMirror.class, AccountSubscriptions.class })
@EnableConfigurationProperties(RecurPortalWebhookProperties.class)
public final class RecurPortalWebhookAutoConfiguration {

	/** The order of the webhook's filter chain: beside the account API's, before the host's. */
	public static final int WEBHOOK_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 49;

	// Enough to recognise redeliveries on one instance; the JDBC store keeps ids by age.
	private static final int IN_MEMORY_EVENT_CAPACITY = 10_000;

	@Bean
	@ConditionalOnMissingBean
	WebhookEventStore webhookEventStore() {
		return new InMemoryWebhookEventStore(IN_MEMORY_EVENT_CAPACITY);
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshQueue refreshQueue() {
		return new InMemoryRefreshQueue();
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderCallBudget providerCallBudget(RecurPortalWebhookProperties properties) {
		return new InMemoryProviderCallBudget(properties.getWork().getProviderCallsPerSecond(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookRefresher webhookRefresher(BillingGateway gateway, SubscriptionMirror mirror,
			AccountSubscriptions subscriptions, AccountSnapshots snapshots, RefreshQueue queue,
			ApplicationEventPublisher publisher, ObjectProvider<ProcessingTransactions> transactions,
			PortalMetrics metrics) {
		WebhookRefresher refresher = new WebhookRefresher(gateway, mirror, subscriptions, snapshots, queue, publisher,
				transactions.getIfUnique(ProcessingTransactions::none), Clock.systemUTC());
		refresher.setMetrics(metrics);
		return refresher;
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshWorker refreshWorker(RefreshQueue queue, WebhookRefresher refresher, ProviderCallBudget budget,
			RecurPortalWebhookProperties properties) {
		RecurPortalWebhookProperties.Work work = properties.getWork();
		RefreshWorker worker = new RefreshWorker(queue, refresher, budget, Clock.systemUTC());
		worker.setBatchSize(work.getBatchSize());
		worker.setConcurrency(work.getConcurrency());
		worker.setLease(work.getLease());
		worker.setRetryBackoff(work.getRetryBackoff(),
				max(work.getRetryBackoff(), work.getMaxRetryBackoff()));
		return worker;
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshScheduler refreshScheduler(RefreshWorker worker, RecurPortalWebhookProperties properties) {
		RecurPortalWebhookProperties.Work work = properties.getWork();
		return new RefreshScheduler(worker, work.getPollInterval(), work.getCoalescingWindow(),
				work.isAutoStartup());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEventRecorder webhookEventRecorder(WebhookEventStore store, RefreshQueue queue,
			ObjectProvider<ProcessingTransactions> transactions, PortalMetrics metrics,
			RecurPortalWebhookProperties properties, ObjectProvider<RefreshScheduler> scheduler) {
		RecurPortalWebhookProperties.Work work = properties.getWork();
		// The stores' transactions when they are JDBC; in memory there is nothing to roll back.
		WebhookEventRecorder recorder = new WebhookEventRecorder(store, queue,
				transactions.getIfUnique(ProcessingTransactions::none), Clock.systemUTC(),
				work.getCoalescingWindow(), max(work.getCoalescingWindow(), work.getMaxDelay()));
		recorder.setMetrics(metrics);
		scheduler.ifUnique((refreshScheduler) -> recorder.setOnRecorded(refreshScheduler::wake));
		return recorder;
	}

	@Bean
	static RefreshMetrics recurPortalRefreshMetrics(ObjectProvider<PortalMetrics> metrics,
			ObjectProvider<RefreshQueue> queue, ObjectProvider<ProviderCallBudget> budget) {
		return new RefreshMetrics(metrics, queue, budget);
	}

	private static Duration max(Duration first, Duration second) {
		return (first.compareTo(second) >= 0) ? first : second;
	}

}
