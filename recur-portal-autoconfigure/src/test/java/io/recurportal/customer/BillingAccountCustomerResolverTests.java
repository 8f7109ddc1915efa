package io.recurportal.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.recurportal.access.PortalCaller;
import io.recurportal.account.AccountContext;
import io.recurportal.account.AccountCustomerLinks;
import io.recurportal.account.InMemoryAccountCustomerLinks;
import io.recurportal.audit.AuditedActions;
import io.recurportal.audit.InMemoryAuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.Customer;
import io.recurportal.billing.NewCustomer;
import io.recurportal.billing.Subscription;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.snapshot.InMemoryBillingSnapshotStore;
import io.recurportal.session.ReturnUrlPolicy;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.InMemorySubscriptionMirror;
import io.recurportal.subscription.SubscriptionCheckout;
import io.recurportal.testsupport.TestSubscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link BillingAccountCustomerResolver}: search only for accounts with no link.
 */
class BillingAccountCustomerResolverTests {

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final AccountSnapshots snapshots = new AccountSnapshots(new InMemoryBillingSnapshotStore(),
			Duration.ofMinutes(5), Clock.systemUTC());

	private final AccountCustomerLinks links = new InMemoryAccountCustomerLinks();

	private final BillingAccountCustomerResolver resolver = new BillingAccountCustomerResolver(this.gateway,
			this.snapshots, this.links);

	private static Customer customer(String id, String accountId) {
		return new Customer(id, accountId, null, null, null, null, null, null, 0, null, Map.of());
	}

	@Test
	void resolveWhenLinkedThenNoSearch() {
		this.links.link("acct-1", "cus_1");

		assertThat(this.resolver.resolveCustomerId("acct-1")).contains("cus_1");
		assertThat(this.resolver.resolveCustomerId("acct-1")).contains("cus_1");

		verify(this.gateway, never()).findCustomerByExternalId(anyString());
	}

	@Test
	void resolveWhenNotLinkedThenSearchesOnceAndLinksWhatItFinds() {
		given(this.gateway.findCustomerByExternalId("acct-1")).willReturn(Optional.of(customer("cus_1", "acct-1")));

		assertThat(this.resolver.resolveCustomerId("acct-1")).contains("cus_1");
		assertThat(this.resolver.resolveCustomerId("acct-1")).contains("cus_1");

		verify(this.gateway, times(1)).findCustomerByExternalId("acct-1");
		assertThat(this.links.find("acct-1")).contains("cus_1");
	}

	@Test
	void resolveWhenSearchFindsNothingThenNothingIsLinked() {
		given(this.gateway.findCustomerByExternalId("acct-1")).willReturn(Optional.empty());

		assertThat(this.resolver.resolveCustomerId("acct-1")).isEmpty();

		assertThat(this.links.find("acct-1")).isEmpty();
	}

	@Test
	void resolveWhenSearchFindsAnotherCustomerThanTheLinkedOneThenTheLinkStays() {
		this.links.link("acct-1", "cus_first");
		AccountCustomerLinks racing = new AccountCustomerLinks() {

			@Override
			public Optional<String> find(String accountId) {
				// Another instance linked the account between this find and the search.
				return Optional.empty();
			}

			@Override
			public String link(String accountId, String customerId) {
				return BillingAccountCustomerResolverTests.this.links.link(accountId, customerId);
			}

		};
		given(this.gateway.findCustomerByExternalId("acct-1")).willReturn(Optional.of(customer("cus_second", "acct-1")));

		assertThat(new BillingAccountCustomerResolver(this.gateway, this.snapshots, racing).resolveCustomerId("acct-1"))
			.contains("cus_first");
	}

	@Test
	void customerCreatedByCheckoutASecondAgoIsFoundThroughItsLinkWhileSearchLags() {
		// Stripe's search does not know the new customer yet, and will not for a while.
		given(this.gateway.findCustomerByExternalId("acct-1")).willReturn(Optional.empty());
		Subscription subscription = TestSubscriptions.active("sub_new");
		given(this.gateway.listPrices()).willReturn(List.of(subscription.price()));
		given(this.gateway.createCustomer(any(NewCustomer.class), anyString()))
			.willReturn(customer("cus_new", "acct-1"));
		given(this.gateway.createCheckoutSession(any(CheckoutSessionRequest.class), anyString()))
			.willReturn(session(CheckoutStatus.OPEN, null));
		given(this.gateway.findCheckoutSession("cs_new"))
			.willReturn(Optional.of(session(CheckoutStatus.COMPLETE, "sub_new")));
		given(this.gateway.findSubscription("sub_new")).willReturn(Optional.of(subscription));
		AccountSubscriptions subscriptions = new AccountSubscriptions(this.gateway, new InMemorySubscriptionMirror(),
				this.resolver, this.snapshots, Clock.systemUTC());
		SubscriptionCheckout checkout = new SubscriptionCheckout(this.gateway, subscriptions,
				new ReturnUrlPolicy(List.of("https://app.example.com")), new AuditedActions(
						new InMemoryAuditTrail(10), PortalMetrics.none(), Clock.systemUTC(),
						(accountId, action, result) -> this.snapshots.forget(accountId)));
		checkout.setCustomerLinks(this.links);
		PortalCaller owner = new PortalCaller(new AccountContext("acct-1", "alice", Set.of("owner"), true),
				new PortalConfigurations(List.of()).get("full"));

		checkout.start(owner, subscription.price().id(), "https://app.example.com/done",
				"https://app.example.com/back", null);

		assertThat(this.resolver.resolveCustomerId("acct-1")).contains("cus_new");
		assertThat(checkout.complete(owner, "cs_new").id()).isEqualTo("sub_new");
		// Searched once, before the customer existed; never again.
		verify(this.gateway, times(1)).findCustomerByExternalId("acct-1");
	}

	private static CheckoutSession session(CheckoutStatus status, String subscriptionId) {
		return new CheckoutSession("cs_new", CheckoutMode.SUBSCRIPTION, status, "https://checkout.stripe.com/c/new",
				"cus_new", "price_pro_monthly", subscriptionId, null, "https://app.example.com/done",
				"https://app.example.com/back", Instant.parse("2026-12-06T00:00:00Z"));
	}

}
