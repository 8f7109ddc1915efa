package io.recurportal.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.security.web.SecurityFilterChain;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.billing.budget.InMemoryProviderCallBudget;
import io.recurportal.billing.budget.ProviderCallBudget;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.billing.sandbox.SandboxEventBridge;
import io.recurportal.billing.sandbox.autoconfigure.SandboxBillingAutoConfiguration;
import io.recurportal.billing.sandbox.autoconfigure.SandboxPortalAutoConfiguration;
import io.recurportal.billing.stripe.autoconfigure.StripeBillingAutoConfiguration;
import io.recurportal.billing.stripe.autoconfigure.StripeWebhookAutoConfiguration;
import io.recurportal.billing.stripe.webhook.StripeWebhookController;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.webhook.InMemoryRefreshQueue;
import io.recurportal.webhook.InMemoryWebhookEventStore;
import io.recurportal.webhook.PaymentSucceededEvent;
import io.recurportal.webhook.PortalBillingEvent;
import io.recurportal.webhook.RefreshQueue;
import io.recurportal.webhook.RefreshScheduler;
import io.recurportal.webhook.RefreshWorker;
import io.recurportal.webhook.SpringProcessingTransactions;
import io.recurportal.webhook.SubscriptionReactivatedEvent;
import io.recurportal.webhook.WebhookEventRecorder;
import io.recurportal.webhook.WebhookEventStore;
import io.recurportal.webhook.WebhookRefresher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RecurPortalWebhookAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class,
				RecurPortalAutoConfiguration.class, RecurPortalWebhookAutoConfiguration.class,
						StripeWebhookAutoConfiguration.class, SandboxPortalAutoConfiguration.class))
		.withBean(BillingGateway.class, () -> mock(BillingGateway.class));

	private final WebApplicationContextRunner withSandbox = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StripeBillingAutoConfiguration.class,
				SandboxBillingAutoConfiguration.class, RecurPortalBillingAutoConfiguration.class,
				RecurPortalAutoConfiguration.class, RecurPortalWebhookAutoConfiguration.class,
						StripeWebhookAutoConfiguration.class, SandboxPortalAutoConfiguration.class))
		.withPropertyValues("recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json");

	@Test
	void defaultBeansAreCreated() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WebhookEventRecorder.class)
				.hasSingleBean(WebhookRefresher.class)
				.hasSingleBean(RefreshWorker.class)
				.hasSingleBean(RefreshScheduler.class)
				.hasSingleBean(StripeWebhookController.class)
				.hasSingleBean(RecurPortalWebhookProperties.class)
				.hasBean("recurPortalWebhookSecurityFilterChain")
				.doesNotHaveBean(SandboxEventBridge.class);
			assertThat(context).getBean(WebhookEventStore.class).isInstanceOf(InMemoryWebhookEventStore.class);
			RecurPortalWebhookProperties properties = context.getBean(RecurPortalWebhookProperties.class);
			assertThat(properties.getPath()).isEqualTo("/webhooks/stripe");
			assertThat(properties.getTolerance()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.getSecrets()).isEmpty();
		});
	}

	@Test
	void whenWebhookDisabledThenNothing() {
		this.contextRunner.withPropertyValues("recur.portal.webhook.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(WebhookEventRecorder.class)
				.doesNotHaveBean(StripeWebhookController.class)
				.doesNotHaveBean("recurPortalWebhookSecurityFilterChain");
		});
	}

	@Test
	void whenPortalDisabledThenNothing() {
		this.contextRunner.withPropertyValues("recur.portal.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookEventRecorder.class));
	}

	@Test
	void whenStripeJavaMissingThenNoEndpointButProcessing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.stripe")).run((context) -> {
			assertThat(context).hasSingleBean(WebhookEventRecorder.class)
				.doesNotHaveBean(StripeWebhookController.class)
				.doesNotHaveBean("recurPortalWebhookSecurityFilterChain");
		});
	}

	@Test
	void whenNotAWebApplicationThenNoEndpoint() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RecurPortalAutoConfiguration.class,
					RecurPortalWebhookAutoConfiguration.class, StripeWebhookAutoConfiguration.class,
							SandboxPortalAutoConfiguration.class))
			.withBean(BillingGateway.class, () -> mock(BillingGateway.class))
			.run((context) -> assertThat(context).hasSingleBean(WebhookEventRecorder.class)
				.doesNotHaveBean(StripeWebhookController.class));
	}

	@Test
	void whenSecurityMissingThenEndpointWithoutChain() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
			.run((context) -> assertThat(context).hasSingleBean(StripeWebhookController.class)
				.doesNotHaveBean("recurPortalWebhookSecurityFilterChain"));
	}

	@Test
	void whenHostDefinesTheChainThenItIsKept() {
		SecurityFilterChain hostChain = mock(SecurityFilterChain.class);
		this.contextRunner.withBean("recurPortalWebhookSecurityFilterChain", SecurityFilterChain.class, () -> hostChain)
			.run((context) -> assertThat(context).getBean("recurPortalWebhookSecurityFilterChain")
				.isSameAs(hostChain));
	}

	@Test
	void whenHostDefinesTheStoreThenItIsUsed() {
		WebhookEventStore store = new InMemoryWebhookEventStore(1);
		this.contextRunner.withBean(WebhookEventStore.class, () -> store)
			.run((context) -> assertThat(context).getBean(WebhookEventStore.class).isSameAs(store));
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner
			.withPropertyValues("recur.portal.webhook.path=/hooks/billing",
					"recur.portal.webhook.secrets=whsec_a,whsec_b", "recur.portal.webhook.tolerance=2m")
			.run((context) -> {
				RecurPortalWebhookProperties properties = context.getBean(RecurPortalWebhookProperties.class);
				assertThat(properties.getPath()).isEqualTo("/hooks/billing");
				assertThat(properties.getSecrets()).containsExactly("whsec_a", "whsec_b");
				assertThat(properties.getTolerance()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void workDefaultsAreInMemoryWithTheDocumentedSettings() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(RefreshQueue.class).isInstanceOf(InMemoryRefreshQueue.class);
			assertThat(context).getBean(ProviderCallBudget.class).isInstanceOf(InMemoryProviderCallBudget.class);
			assertThat(context.getBean(ProviderCallBudget.class).limit()).isEqualTo(20);
			RecurPortalWebhookProperties.Work work = context.getBean(RecurPortalWebhookProperties.class).getWork();
			assertThat(work.getCoalescingWindow()).isEqualTo(Duration.ofSeconds(5));
			assertThat(work.getLease()).isEqualTo(Duration.ofMinutes(1));
			assertThat(context.getBean(RefreshScheduler.class).isRunning()).isTrue();
		});
	}

	@Test
	void workPropertiesAreBound() {
		this.contextRunner
			.withPropertyValues("recur.portal.webhook.work.provider-calls-per-second=7",
					"recur.portal.webhook.work.auto-startup=false", "recur.portal.webhook.work.coalescing-window=0")
			.run((context) -> {
				assertThat(context.getBean(ProviderCallBudget.class).limit()).isEqualTo(7);
				assertThat(context.getBean(RefreshScheduler.class).isRunning()).isFalse();
				assertThat(context.getBean(RecurPortalWebhookProperties.class).getWork().getCoalescingWindow())
					.isZero();
			});
	}

	@Test
	void whenAWorkSettingIsInvalidThenStartUpFailsNamingIt() {
		this.contextRunner.withPropertyValues("recur.portal.webhook.work.provider-calls-per-second=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must be at least 1"));
		this.contextRunner.withPropertyValues("recur.portal.webhook.work.lease=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("recur.portal.webhook.work")
				.hasStackTraceContaining("property lease"));
	}

	@Test
	void whenHostDefinesTheQueueAndBudgetThenTheyAreUsed() {
		RefreshQueue queue = new InMemoryRefreshQueue();
		ProviderCallBudget budget = ProviderCallBudget.unlimited();
		this.contextRunner.withBean(RefreshQueue.class, () -> queue)
			.withBean(ProviderCallBudget.class, () -> budget)
			.run((context) -> assertThat(context).getBean(RefreshQueue.class).isSameAs(queue));
	}

	@Test
	void whenSandboxThenRenewalsReachTheMirrorAndTheHostThroughTheSameProcessing() {
		List<PortalBillingEvent> heard = new CopyOnWriteArrayList<>();
		this.withSandbox.withBean("listener", ApplicationListener.class,
				() -> (ApplicationListener<PayloadApplicationEvent<PortalBillingEvent>>) (event) -> heard
					.add(event.getPayload()))
			.run((context) -> {
				assertThat(context).getBean(SandboxEventBridge.class)
					.satisfies((bridge) -> assertThat(bridge.isListening()).isTrue());
				Subscription before = context.getBean(AccountSubscriptions.class).list("acct_on_hold").get(0);
				assertThat(before.isOnHold()).isTrue();
				SandboxBillingGateway sandbox = context.getBean(SandboxBillingGateway.class);
				String customerId = before.customerId();
				PaymentMethod card = sandbox.attachCard(customerId, "4242 4242 4242 4242", 12, 2030, "attach-card");
				sandbox.payInvoice(before.latestInvoiceId(), card.id(), "pay-open-invoice");
				Subscription after = context.getBean(SubscriptionMirror.class)
					.find("acct_on_hold", before.id())
					.orElseThrow();
				assertThat(after.status()).isEqualTo(SubscriptionStatus.ACTIVE);
				assertThat(heard).hasAtLeastOneElementOfType(PaymentSucceededEvent.class)
					.hasAtLeastOneElementOfType(SubscriptionReactivatedEvent.class);
			});
	}

	@Test
	void whenContextClosesThenTheSandboxIsNoLongerListenedTo() {
		List<SandboxBillingGateway> sandboxes = new ArrayList<>();
		this.withSandbox.run((context) -> sandboxes.add(context.getBean(SandboxBillingGateway.class)));
		assertThat(sandboxes.get(0)).extracting("eventListener").isNull();
	}

	@Test
	void withoutJdbcStoresThenProcessingRunsWithoutTransactions() {
		this.contextRunner.run((context) -> assertThat(context.getBean(WebhookEventRecorder.class))
			.extracting("transactions")
			.isNotInstanceOf(SpringProcessingTransactions.class));
	}

}
