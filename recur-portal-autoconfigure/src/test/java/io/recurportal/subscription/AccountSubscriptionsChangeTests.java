package io.recurportal.subscription;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.testsupport.TestSnapshots;
import io.recurportal.testsupport.TestSubscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link AccountSubscriptions#change}: one call finds the subscription, runs the
 * change and stores what the provider answered.
 */
class AccountSubscriptionsChangeTests {

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final InMemorySubscriptionMirror mirror = new InMemorySubscriptionMirror();

	private final AccountSubscriptions subscriptions = new AccountSubscriptions(this.gateway, this.mirror,
			(accountId) -> Optional.of("cus_" + accountId), TestSnapshots.inMemory(), Clock.systemUTC());

	@Test
	void changeRunsTheChangeOnTheMirroredSubscriptionAndStoresTheAnswer() {
		Subscription active = TestSubscriptions.active("sub_1");
		given(this.gateway.listSubscriptions("cus_acct_1")).willReturn(List.of(active));
		Subscription paused = TestSubscriptions.withStatus(active, SubscriptionStatus.PAUSED);
		List<Subscription> seen = new ArrayList<>();
		List<Long> revisions = new ArrayList<>();
		Subscription answer = this.subscriptions.change("acct_1", "sub_1", (current, revision) -> {
			seen.add(current);
			revisions.add(revision);
			return paused;
		});
		assertThat(answer).isEqualTo(paused);
		assertThat(seen).containsExactly(active);
		assertThat(revisions).containsExactly(1L);
		assertThat(this.mirror.revision("acct_1", "sub_1")).isEqualTo(2);
		assertThat(this.subscriptions.require("acct_1", "sub_1")).isEqualTo(paused);
	}

	@Test
	void changeOfAnotherAccountsSubscriptionIsNotFoundAndRunsNothing() {
		given(this.gateway.listSubscriptions("cus_acct_1")).willReturn(List.of(TestSubscriptions.active("sub_1")));
		this.subscriptions.list("acct_1");
		List<Subscription> seen = new ArrayList<>();
		assertThatExceptionOfType(PortalException.class)
			.isThrownBy(() -> this.subscriptions.change("acct_2", "sub_1", (current, revision) -> {
				seen.add(current);
				return current;
			}))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.SUBSCRIPTION_NOT_FOUND));
		assertThat(seen).isEmpty();
	}

	@Test
	void changeStoresTheProviderAnswerOverACopyStoredWhileItRan() {
		Subscription active = TestSubscriptions.active("sub_1");
		given(this.gateway.listSubscriptions("cus_acct_1")).willReturn(List.of(active));
		Subscription paused = TestSubscriptions.withStatus(active, SubscriptionStatus.PAUSED);
		this.subscriptions.change("acct_1", "sub_1", (current, revision) -> {
			// A webhook stored an older state while the provider call ran: the answer is newer.
			this.mirror.save("acct_1", TestSubscriptions.withStatus(active, SubscriptionStatus.PAST_DUE));
			return paused;
		});
		assertThat(this.mirror.find("acct_1", "sub_1")).contains(paused);
	}

}
