package io.recurportal.billing.stripe;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.stripe.StripeClient;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.stripe.HostedPortalTestSupport.CONFIGURATIONS_PATH;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.FULL;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.INVOICES;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.basicMonthly;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.proMonthly;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.proYearly;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link StripeBillingPortal#synchronize()} converges on one Stripe
 * configuration per portal configuration across restarts, changes and instances starting
 * together, against a stateful Stripe that honours idempotency keys.
 */
class StripeBillingPortalConvergenceTests {

	private FakeStripe stripe;

	private ExecutorService executor;

	@BeforeEach
	void startStripe() throws IOException {
		this.stripe = new FakeStripe(proMonthly(), basicMonthly(), proYearly());
		this.executor = Executors.newFixedThreadPool(2);
	}

	@AfterEach
	void stopStripe() {
		this.executor.shutdownNow();
		this.stripe.close();
	}

	/** A portal as one application instance starts it: its own client, its own state. */
	private StripeBillingPortal instance(PortalConfiguration... configurations) {
		StripeClient client = StripeClients.create(StripeTestSupport.SECRET_KEY, this.stripe.baseUrl(),
				StripeTestSupport.MAX_NETWORK_RETRIES, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ZERO);
		return HostedPortalTestSupport.portal(client, List.of(configurations));
	}

	private static PortalConfiguration support(String headline) {
		return new PortalConfiguration("support",
				Set.of(PortalFeature.INVOICE_HISTORY, PortalFeature.SUBSCRIPTION_CANCEL),
				new PortalConfiguration.Branding(null, headline, null, null, null, null),
				PortalConfiguration.Cancellation.DEFAULT, PortalConfiguration.PlanChange.DEFAULT, null);
	}

	private void synchronizeTogether(StripeBillingPortal first, StripeBillingPortal second) throws Exception {
		// Both list before either writes: the race two instances starting together run.
		this.stripe.holdListsUntil(2);
		Future<?> one = this.executor.submit((Runnable) first::synchronize);
		Future<?> other = this.executor.submit((Runnable) second::synchronize);
		one.get(30, TimeUnit.SECONDS);
		other.get(30, TimeUnit.SECONDS);
	}

	@Test
	void restartWithUnchangedConfigurationsMakesNoWrite() {
		StripeBillingPortal first = instance(FULL, INVOICES);
		first.synchronize();
		assertThat(this.stripe.configurations()).hasSize(2);
		this.stripe.clearRequests();

		StripeBillingPortal restarted = instance(FULL, INVOICES);
		restarted.synchronize();

		assertThat(this.stripe.writes()).isEmpty();
		assertThat(restarted.findStripeConfigurationId("full")).isEqualTo(first.findStripeConfigurationId("full"));
		assertThat(restarted.findStripeConfigurationId("invoices"))
			.isEqualTo(first.findStripeConfigurationId("invoices"));
	}

	@Test
	void changedConfigurationUpdatesTheSameStripeConfigurationWithoutADuplicate() {
		StripeBillingPortal first = instance(support("Questions? We are here"), INVOICES);
		first.synchronize();
		String supportId = first.findStripeConfigurationId("support").orElseThrow();
		this.stripe.clearRequests();

		StripeBillingPortal changed = instance(support("Talk to us any time"), INVOICES);
		changed.synchronize();

		assertThat(this.stripe.writes()).singleElement()
			.satisfies((update) -> assertThat(update.path()).isEqualTo(CONFIGURATIONS_PATH + "/" + supportId));
		assertThat(this.stripe.configurations()).hasSize(2);
		assertThat(changed.findStripeConfigurationId("support")).hasValue(supportId);
		assertThat(headlineOf(supportId)).isEqualTo("Talk to us any time");
		this.stripe.clearRequests();

		instance(support("Talk to us any time"), INVOICES).synchronize();

		assertThat(this.stripe.writes()).isEmpty();
	}

	@Test
	void changesBackAndForthAreEachAppliedThoughStripeKeepsEveryKeyForADay() {
		List<String> headlines = List.of("One", "Two", "One", "Two", "One");
		String supportId = null;
		for (String headline : headlines) {
			StripeBillingPortal portal = instance(support(headline));
			portal.synchronize();
			supportId = portal.findStripeConfigurationId("support").orElseThrow();
			// A replayed answer would leave the stored configuration as it was.
			assertThat(headlineOf(supportId)).as("after switching to %s", headline).isEqualTo(headline);
		}
		assertThat(this.stripe.configurations()).singleElement()
			.extracting(FakeStripe.StoredConfiguration::id)
			.isEqualTo(supportId);
	}

	@Test
	void twoInstancesSynchronizingTogetherCreateEachConfigurationOnce() throws Exception {
		StripeBillingPortal one = instance(FULL, INVOICES);
		StripeBillingPortal other = instance(FULL, INVOICES);

		synchronizeTogether(one, other);

		// Both sent both creates, with the same keys: Stripe made each once.
		assertThat(this.stripe.writes()).hasSize(4)
			.allSatisfy((create) -> assertThat(create.path()).isEqualTo(CONFIGURATIONS_PATH));
		assertThat(this.stripe.configurations()).hasSize(2).allMatch(FakeStripe.StoredConfiguration::active);
		assertThat(one.findStripeConfigurationId("full")).isPresent()
			.isEqualTo(other.findStripeConfigurationId("full"));
		assertThat(one.findStripeConfigurationId("invoices")).isPresent()
			.isEqualTo(other.findStripeConfigurationId("invoices"))
			.isNotEqualTo(one.findStripeConfigurationId("full"));
		this.stripe.clearRequests();

		instance(FULL, INVOICES).synchronize();

		assertThat(this.stripe.writes()).isEmpty();
	}

	@Test
	void twoReleasesStartingTogetherLeaveADuplicateThatTheNextStartDeactivates() throws Exception {
		synchronizeTogether(instance(support("Old")), instance(support("New")));
		assertThat(this.stripe.configurations()).hasSize(2);

		StripeBillingPortal restarted = instance(support("New"));
		restarted.synchronize();

		String kept = restarted.findStripeConfigurationId("support").orElseThrow();
		assertThat(this.stripe.configurations()).filteredOn(FakeStripe.StoredConfiguration::active)
			.singleElement()
			.extracting(FakeStripe.StoredConfiguration::id)
			.isEqualTo(kept);
		assertThat(headlineOf(kept)).isEqualTo("New");
	}

	@Test
	void twoReleasesRestartingTogetherKeepTheSameConfigurationActive() throws Exception {
		synchronizeTogether(instance(support("Old")), instance(support("New")));
		StripeBillingPortal oldRelease = instance(support("Old"));
		StripeBillingPortal newRelease = instance(support("New"));

		synchronizeTogether(oldRelease, newRelease);

		// Neither deactivates the other's choice: both keep the oldest.
		String kept = oldRelease.findStripeConfigurationId("support").orElseThrow();
		assertThat(newRelease.findStripeConfigurationId("support")).hasValue(kept);
		assertThat(this.stripe.configurations()).filteredOn(FakeStripe.StoredConfiguration::active)
			.singleElement()
			.extracting(FakeStripe.StoredConfiguration::id)
			.isEqualTo(kept);
	}

	@Test
	void aConfigurationWhoseMetadataWasRemovedIsTakenBackFromTheReplayedCreate() {
		StripeBillingPortal first = instance(support("One"));
		first.synchronize();
		String supportId = first.findStripeConfigurationId("support").orElseThrow();
		instance(support("Two")).synchronize();
		this.stripe.removeMetadata(supportId);

		StripeBillingPortal restarted = instance(support("One"));
		restarted.synchronize();

		// Stripe replays the first create (same key) with the object as it was then.
		assertThat(restarted.findStripeConfigurationId("support")).hasValue(supportId);
		assertThat(this.stripe.configurations()).singleElement().satisfies((configuration) -> {
			assertThat(configuration.metadata()).containsEntry("recur_portal_configuration", "support");
			assertThat(configuration.lastWrite()).containsEntry("business_profile[headline]", "One");
		});
	}

	private String headlineOf(String id) {
		return this.stripe.configurations()
			.stream()
			.filter((configuration) -> configuration.id().equals(id))
			.findFirst()
			.orElseThrow()
			.lastWrite()
			.get("business_profile[headline]");
	}

}
