package io.recurportal.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.session.InMemoryPortalSessionStore;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessionStore;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.PortalTokens;
import io.recurportal.session.ReturnUrlPolicy;
import io.recurportal.testsupport.TestSandbox;
import io.recurportal.testsupport.TestSnapshots;
import io.recurportal.webhook.PaymentFailedEvent;
import io.recurportal.webhook.PaymentMethodAttachedEvent;
import io.recurportal.webhook.PaymentSucceededEvent;
import io.recurportal.webhook.SubscriptionCancelScheduledEvent;
import io.recurportal.webhook.SubscriptionCanceledEvent;
import io.recurportal.webhook.SubscriptionCreatedEvent;
import io.recurportal.webhook.SubscriptionPlanChangedEvent;
import io.recurportal.webhook.SubscriptionReactivatedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which email each billing event makes, to whom, in which language, and that each is
 * sent once per event and kind, over the sandbox provider.
 */
class BillingEmailsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private static final Executor DIRECT = Runnable::run;

	private final SandboxBillingGateway gateway = TestSandbox.create();

	private final PortalConfigurations configurations = new PortalConfigurations(PortalConfigurations.builtIn());

	private final PortalSessionStore sessionStore = new InMemoryPortalSessionStore();

	private final SentEmailStore store = new InMemorySentEmailStore();

	private final List<BillingEmail> sent = new ArrayList<>();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void reactivatedThenEmailsTheCustomerWithPlanAndRenewalDate() {
		Subscription subscription = subscription("sub_active");
		emails().onBillingEvent(new SubscriptionReactivatedEvent("evt_1", "acct_active", subscription));
		assertThat(this.sent).singleElement().satisfies((email) -> {
			assertThat(email.kind()).isEqualTo(BillingEmailKind.SUBSCRIPTION_REACTIVATED);
			assertThat(email.eventId()).isEqualTo("evt_1");
			assertThat(email.to()).isEqualTo("alice@example.com");
			assertThat(email.locale()).isEqualTo(Locale.ENGLISH);
			assertThat(email.planName()).isEqualTo("Pro");
			assertThat(email.date()).isEqualTo(subscription.currentPeriodEnd());
			assertThat(email.portalUrl()).isNull();
			assertThat(email.branding()).isEqualTo(this.configurations.get("full").branding());
		});
	}

	@Test
	void paymentFailedThenEmailsTheAmountDueAndAPortalLinkOnTheConfiguredOrigin() {
		Subscription subscription = subscription("sub_on_hold");
		emails().onBillingEvent(new PaymentFailedEvent("evt_2", "acct_on_hold", "cus_on_hold",
				subscription.latestInvoiceId(), subscription.id()));
		BillingEmail email = this.sent.get(0);
		assertThat(email.kind()).isEqualTo(BillingEmailKind.PAYMENT_FAILED);
		assertThat(email.to()).isEqualTo("carol@example.com");
		long due = this.gateway.findInvoice(subscription.latestInvoiceId()).orElseThrow().amountDue();
		assertThat(due).isPositive();
		assertThat(email.amount()).isEqualTo(new BillingEmail.Amount(due, "usd"));
		assertThat(email.portalUrl()).startsWith("https://billing.example.com/portal/s/");
		assertThat(email.toString()).doesNotContain(email.portalUrl()).doesNotContain("carol");
		// The link opens a session of the customer, in the configured configuration and language, once.
		String token = email.portalUrl().substring(email.portalUrl().lastIndexOf('/') + 1);
		PortalSession session = this.sessionStore.findByTokenHash(PortalTokens.hash(token)).orElseThrow();
		assertThat(session.customerId()).isEqualTo("cus_on_hold");
		assertThat(session.configurationId()).isEqualTo("full");
		assertThat(session.locale()).isEqualTo("en");
		assertThat(session.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
	}

	@Test
	void paymentFailedWhenLinksHaveNoOriginThenEmailWithoutLink() {
		Subscription subscription = subscription("sub_on_hold");
		emails(new PortalLinks(null, "/portal"), allKinds()).onBillingEvent(new PaymentFailedEvent("evt_3",
				"acct_on_hold", "cus_on_hold", subscription.latestInvoiceId(), subscription.id()));
		assertThat(this.sent).singleElement().extracting(BillingEmail::portalUrl).isNull();
	}

	@Test
	void paymentMethodAttachedThenEmailNamesTheCard() {
		String paymentMethodId = this.gateway.findCustomer("cus_active").orElseThrow().defaultPaymentMethodId();
		emails().onBillingEvent(new PaymentMethodAttachedEvent("evt_4", "acct_active", "cus_active", paymentMethodId));
		BillingEmail email = this.sent.get(0);
		assertThat(email.kind()).isEqualTo(BillingEmailKind.PAYMENT_METHOD_ADDED);
		assertThat(email.paymentMethod().card().last4()).isEqualTo("4242");
	}

	@Test
	void canceledThenEmailNamesTheEndDate() {
		Subscription canceled = this.gateway.cancel("sub_lifecycle", CancelTiming.IMMEDIATELY,
				new CancellationReason(null, null), "key-1");
		emails().onBillingEvent(new SubscriptionCanceledEvent("evt_5", "acct_lifecycle", canceled));
		BillingEmail email = this.sent.get(0);
		assertThat(email.kind()).isEqualTo(BillingEmailKind.SUBSCRIPTION_CANCELED);
		assertThat(email.to()).isEqualTo("lena@example.com");
		assertThat(email.planName()).isEqualTo("Starter");
		assertThat(email.date()).isNotNull().isEqualTo(canceled.endedAt());
	}

	@Test
	void cancelScheduledThenEmailNamesTheLastDay() {
		Subscription scheduled = this.gateway.cancel("sub_lifecycle", CancelTiming.PERIOD_END,
				new CancellationReason(null, null), "key-2");
		emails().onBillingEvent(new SubscriptionCancelScheduledEvent("evt_6", "acct_lifecycle", scheduled));
		BillingEmail email = this.sent.get(0);
		assertThat(email.kind()).isEqualTo(BillingEmailKind.SUBSCRIPTION_CANCEL_SCHEDULED);
		assertThat(email.date()).isEqualTo(scheduled.currentPeriodEnd());
	}

	@Test
	void planChangedThenEmailNamesBothPlansAndTheNewPriceInThePreferredLanguage() {
		Subscription subscription = subscription("sub_change");
		Subscription changed = new Subscription(subscription.id(), subscription.customerId(), subscription.status(),
				this.gateway.findPrice("price_pro_monthly").orElseThrow(), 1, subscription.currentPeriodStart(),
				subscription.currentPeriodEnd(), false, null, null, null, null, null, null, null,
				subscription.created());
		emails().onBillingEvent(new SubscriptionPlanChangedEvent("evt_7", "acct_change", subscription.price(),
				changed));
		BillingEmail email = this.sent.get(0);
		assertThat(email.kind()).isEqualTo(BillingEmailKind.PLAN_CHANGED);
		assertThat(email.previousPlanName()).isEqualTo("Starter");
		assertThat(email.planName()).isEqualTo("Pro");
		assertThat(email.amount()).isEqualTo(new BillingEmail.Amount(2900, "usd"));
		// Preferred: zh-Hant-TW, then en.
		assertThat(email.locale()).isEqualTo(Locale.forLanguageTag("zh-TW"));
	}

	@Test
	void localeWhenFirstPreferredIsNotSpokenThenTheNextOne() {
		emails().onBillingEvent(new SubscriptionReactivatedEvent("evt_8", "acct_pause", subscription("sub_pause")));
		// Preferred: fr-FR, then ja.
		assertThat(this.sent).singleElement().extracting(BillingEmail::locale).isEqualTo(Locale.JAPANESE);
	}

	@Test
	void localeWhenNonePreferredThenTheDefault() {
		emails(links(), allKinds(), Locale.forLanguageTag("th")).onBillingEvent(
				new SubscriptionReactivatedEvent("evt_9", "acct_active", subscription("sub_active")));
		assertThat(this.sent).singleElement().extracting(BillingEmail::locale).isEqualTo(Locale.forLanguageTag("th"));
	}

	@Test
	void sameEventTwiceThenOneEmail() {
		BillingEmails emails = emails();
		SubscriptionReactivatedEvent event = new SubscriptionReactivatedEvent("evt_10", "acct_active",
				subscription("sub_active"));
		emails.onBillingEvent(event);
		emails.onBillingEvent(event);
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void twoInstancesSharingTheStoreThenOneEmail() {
		SubscriptionReactivatedEvent event = new SubscriptionReactivatedEvent("evt_11", "acct_active",
				subscription("sub_active"));
		emails().onBillingEvent(event);
		emails().onBillingEvent(event);
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void kindSwitchedOffThenNoEmailAndNoClaim() {
		SubscriptionReactivatedEvent event = new SubscriptionReactivatedEvent("evt_12", "acct_active",
				subscription("sub_active"));
		emails(links(), EnumSet.complementOf(EnumSet.of(BillingEmailKind.SUBSCRIPTION_REACTIVATED)))
			.onBillingEvent(event);
		assertThat(this.sent).isEmpty();
		assertThat(this.store.claim("evt_12", "reactivated", "probe", NOW)).isTrue();
	}

	@Test
	void eventsWithoutAnEmailThenNone() {
		BillingEmails emails = emails();
		emails.onBillingEvent(new SubscriptionCreatedEvent("evt_13", "acct_active", subscription("sub_active")));
		emails.onBillingEvent(new PaymentSucceededEvent("evt_14", "acct_active", "cus_active", "in_1", null));
		assertThat(this.sent).isEmpty();
	}

	@Test
	void sendingFailsThenClaimReleasedSoARedeliverySends() {
		SubscriptionReactivatedEvent event = new SubscriptionReactivatedEvent("evt_15", "acct_active",
				subscription("sub_active"));
		BillingEmails failing = new BillingEmails(this.gateway, TestSnapshots.inMemory(), sessions(links()),
				this.store, (email) -> {
					throw new IllegalStateException("SMTP down");
				}, DIRECT, settings(allKinds(), Locale.ENGLISH), this.clock);
		failing.onBillingEvent(event);
		emails().onBillingEvent(event);
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void customerWithoutEmailThenNoneAndNotTriedAgain() {
		this.gateway.updateCustomer("cus_active", new CustomerProfileUpdate("Alice", null, null, null, null), "key-3");
		assertThat(this.gateway.findCustomer("cus_active").map(Customer::email)).isEmpty();
		emails().onBillingEvent(new SubscriptionReactivatedEvent("evt_17", "acct_active", subscription("sub_active")));
		assertThat(this.sent).isEmpty();
		assertThat(this.store.claim("evt_17", "reactivated", "probe", NOW)).isFalse();
	}

	@Test
	void claimsOlderThanTheRetentionAreForgotten() {
		this.store.claim("evt_old", "reactivated", "c1", NOW.minus(Duration.ofDays(31)));
		this.store.claim("evt_recent", "reactivated", "c2", NOW.minus(Duration.ofDays(29)));
		emails().onBillingEvent(new SubscriptionReactivatedEvent("evt_16", "acct_active", subscription("sub_active")));
		assertThat(this.store.claim("evt_old", "reactivated", "c3", NOW)).isTrue();
		assertThat(this.store.claim("evt_recent", "reactivated", "c4", NOW)).isFalse();
	}

	private Subscription subscription(String id) {
		return this.gateway.findSubscription(id).orElseThrow();
	}

	private BillingEmails emails() {
		return emails(links(), allKinds());
	}

	private BillingEmails emails(PortalLinks links, Set<BillingEmailKind> kinds) {
		return emails(links, kinds, Locale.ENGLISH);
	}

	private BillingEmails emails(PortalLinks links, Set<BillingEmailKind> kinds, Locale defaultLocale) {
		return new BillingEmails(this.gateway, TestSnapshots.inMemory(), sessions(links), this.store, this.sent::add,
				DIRECT, settings(kinds, defaultLocale), this.clock);
	}

	private BillingEmails.Settings settings(Set<BillingEmailKind> kinds, Locale defaultLocale) {
		return new BillingEmails.Settings(kinds, this.configurations.get("full"), defaultLocale,
				Duration.ofHours(24), Duration.ofDays(30));
	}

	private PortalSessions sessions(PortalLinks links) {
		return new PortalSessions(this.gateway, this.sessionStore, this.configurations,
				new ReturnUrlPolicy(List.of("https://app.example.com")), links, "full", this.clock);
	}

	private static PortalLinks links() {
		return new PortalLinks("https://billing.example.com", "/portal");
	}

	private static Set<BillingEmailKind> allKinds() {
		return EnumSet.allOf(BillingEmailKind.class);
	}

}
