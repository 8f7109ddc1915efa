package io.recurportal.autoconfigure;

import java.time.Clock;

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
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.webhook.InMemoryWebhookEventStore;
import io.recurportal.webhook.ProcessingTransactions;
import io.recurportal.webhook.WebhookEventHandler;
import io.recurportal.webhook.WebhookEventProcessor;
import io.recurportal.webhook.WebhookEventStore;

/**
 * Auto-configuration of the provider-neutral processing of provider events: the store of
 * processed ids, the handler and the {@link BillingEventSink} each provider's event
 * source (Stripe's webhook, the sandbox's events) delivers to.
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
	WebhookEventHandler webhookEventHandler(BillingGateway gateway, SubscriptionMirror mirror,
			AccountSubscriptions subscriptions, AccountSnapshots snapshots) {
		return new WebhookEventHandler(gateway, mirror, subscriptions, snapshots);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEventProcessor webhookEventProcessor(WebhookEventStore store, WebhookEventHandler handler,
			ApplicationEventPublisher publisher, ObjectProvider<ProcessingTransactions> transactions,
			PortalMetrics metrics) {
		// The stores' transactions when they are JDBC; in memory there is nothing to roll back.
		WebhookEventProcessor processor = new WebhookEventProcessor(store, handler, publisher,
				transactions.getIfUnique(ProcessingTransactions::none), Clock.systemUTC());
		processor.setMetrics(metrics);
		return processor;
	}

}
