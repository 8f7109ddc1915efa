package io.recurportal.webhook;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.testsupport.TestSubscriptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortalChangeAnnouncer}.
 */
class PortalChangeAnnouncerTests {

	private final List<Object> published = new ArrayList<>();

	private final PortalChangeAnnouncer announcer = new PortalChangeAnnouncer(this.published::add);

	@Test
	void settingToCancelIsToldOnce() {
		Subscription active = TestSubscriptions.active("sub_1");
		this.announcer.changed("acct_1", active, TestSubscriptions.canceledAtPeriodEnd(active));
		assertThat(this.published).singleElement()
			.isInstanceOfSatisfying(SubscriptionCancelScheduledEvent.class, (event) -> {
				assertThat(event.accountId()).isEqualTo("acct_1");
				assertThat(event.subscriptionId()).isEqualTo("sub_1");
				assertThat(event.eventId()).startsWith("portal_");
			});
	}

	@Test
	void keepingASubscriptionSetToCancelIsAReactivation() {
		Subscription active = TestSubscriptions.active("sub_1");
		this.announcer.changed("acct_1", TestSubscriptions.canceledAtPeriodEnd(active), active);
		assertThat(this.published).singleElement().isInstanceOf(SubscriptionReactivatedEvent.class);
	}

	@Test
	void resumingAPausedSubscriptionIsAReactivation() {
		Subscription active = TestSubscriptions.active("sub_1");
		this.announcer.changed("acct_1", TestSubscriptions.withStatus(active, SubscriptionStatus.PAUSED), active);
		assertThat(this.published).singleElement().isInstanceOf(SubscriptionReactivatedEvent.class);
	}

	@Test
	void anActionThatChangedNothingTellsNothing() {
		Subscription active = TestSubscriptions.active("sub_1");
		this.announcer.changed("acct_1", active, active);
		assertThat(this.published).isEmpty();
	}

	@Test
	void eachChangeHasAnIdOfItsOwn() {
		Subscription active = TestSubscriptions.active("sub_1");
		Subscription canceling = TestSubscriptions.canceledAtPeriodEnd(active);
		this.announcer.changed("acct_1", active, canceling);
		this.announcer.changed("acct_1", canceling, active);
		this.announcer.changed("acct_1", active, canceling);
		assertThat(this.published).hasSize(3)
			.extracting((event) -> ((PortalBillingEvent) event).eventId())
			.doesNotHaveDuplicates();
	}

}
