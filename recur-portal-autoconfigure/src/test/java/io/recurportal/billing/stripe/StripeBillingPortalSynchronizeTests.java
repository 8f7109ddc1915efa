package io.recurportal.billing.stripe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.stripe.Stripe;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalFeature;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.CONFIGURATIONS_PATH;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.FEEDBACK_CODES;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.FULL;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.INVOICES;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.TEAM;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.basicMonthly;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.configuration;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.indexed;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.owned;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.ownedBy;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.params;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.portal;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.proMonthly;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.proYearly;
import static io.recurportal.billing.stripe.HostedPortalTestSupport.stripeDefault;
import static io.recurportal.billing.stripe.StripeTestSupport.error;
import static io.recurportal.billing.stripe.StripeTestSupport.fixture;
import static io.recurportal.billing.stripe.StripeTestSupport.json;
import static io.recurportal.billing.stripe.StripeTestSupport.list;
import static io.recurportal.billing.stripe.StripeTestSupport.requests;
import static io.recurportal.billing.stripe.StripeTestSupport.resourceMissing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link StripeBillingPortal#synchronize()}: the requests it sends to make
 * Stripe's billing-portal configurations match the portal's.
 */
@ExtendWith(OutputCaptureExtension.class)
class StripeBillingPortalSynchronizeTests {

	private static final String HASH_PARAM = "metadata[recur_portal_hash]";

	private static final String STALE_HASH = "0000000000000000000000000000000000000000000000000000000000000000";

	private static final String KEY_PREFIX = "recur-portal:billing-portal-configuration:";

	@RegisterExtension
	static WireMockExtension stripe = StripeTestSupport.server();

	@BeforeEach
	void stubCatalogAndNoConfiguration() {
		stubConfigurations(stripeDefault());
		stripe.stubFor(get(urlPathEqualTo("/v1/prices"))
			.willReturn(json(list("/v1/prices", false, proMonthly(), basicMonthly(), proYearly()))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_ProMonthly")).willReturn(json(proMonthly())));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_ProYearly")).willReturn(json(proYearly())));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_BasicMonthly")).willReturn(json(basicMonthly())));
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH))
			.willReturn(json(owned("bpc_1RecurNew", "full", STALE_HASH))));
	}

	private static void stubConfigurations(String... configurations) {
		stripe.stubFor(get(urlPathEqualTo(CONFIGURATIONS_PATH))
			.willReturn(json(list(CONFIGURATIONS_PATH, false, configurations))));
	}

	private static List<StripeTestSupport.Recorded> writes() {
		return requests(stripe).stream().filter((request) -> request.method().equals("POST")).toList();
	}

	private static StripeTestSupport.Recorded onlyWrite() {
		List<StripeTestSupport.Recorded> writes = writes();
		assertThat(writes).hasSize(1);
		return writes.get(0).assertStripeHeaders();
	}

	/** The hash the portal sends for a configuration, from a create against the stubs. */
	private static String hashSentFor(PortalConfiguration configuration) {
		portal(stripe, List.of(configuration)).synchronize();
		String hash = onlyWrite().params().get(HASH_PARAM);
		stripe.resetRequests();
		return hash;
	}

	private static Map<String, String> fullFeatures() {
		Map<String, String> params = new LinkedHashMap<>(params("features[invoice_history][enabled]", "true",
				"features[payment_method_update][enabled]", "true", "features[customer_update][enabled]", "true"));
		params.putAll(indexed("features[customer_update][allowed_updates]",
				List.of("name", "address", "phone", "tax_id")));
		params.putAll(params("features[subscription_cancel][enabled]", "true", "features[subscription_cancel][mode]",
				"at_period_end", "features[subscription_cancel][cancellation_reason][enabled]", "true"));
		params.putAll(indexed("features[subscription_cancel][cancellation_reason][options]", FEEDBACK_CODES));
		params.putAll(params("features[subscription_update][enabled]", "true",
				"features[subscription_update][default_allowed_updates][0]", "price",
				"features[subscription_update][proration_behavior]", "create_prorations",
				// The catalog's order: cheapest product first, then cheapest price per year.
				"features[subscription_update][products][0][product]", "prod_Basic",
				"features[subscription_update][products][0][prices][0]", "price_BasicMonthly",
				"features[subscription_update][products][1][product]", "prod_Pro",
				"features[subscription_update][products][1][prices][0]", "price_ProYearly",
				"features[subscription_update][products][1][prices][1]", "price_ProMonthly"));
		return params;
	}

	@Test
	void synchronizeWhenNoneExistsThenCreatesFullWithEveryFeatureAndEveryActivePriceByProduct() {
		StripeBillingPortal portal = portal(stripe, List.of(FULL));

		portal.synchronize();

		List<StripeTestSupport.Recorded> requests = requests(stripe);
		assertThat(requests).extracting(StripeTestSupport.Recorded::method, StripeTestSupport.Recorded::path)
			.containsExactly(tuple("GET", CONFIGURATIONS_PATH),
					tuple("GET", "/v1/prices"),
					tuple("POST", CONFIGURATIONS_PATH));
		// Active and inactive configurations: no 'active' filter.
		assertThat(requests.get(0).assertStripeHeaders().params()).isEqualTo(Map.of("limit", "100"));
		StripeTestSupport.Recorded create = requests.get(2).assertStripeHeaders();
		assertThat(create.stripeVersion()).isEqualTo(Stripe.API_VERSION).isEqualTo("2026-07-29.dahlia");
		String hash = create.params().get(HASH_PARAM);
		assertThat(hash).matches("[0-9a-f]{64}");
		Map<String, String> expected = new LinkedHashMap<>(params("name", "recur-portal full"));
		expected.putAll(fullFeatures());
		expected.putAll(params("metadata[recur_portal_configuration]", "full", HASH_PARAM, hash));
		assertThat(create.params()).isEqualTo(expected);
		assertThat(create.idempotencyKey()).isEqualTo(KEY_PREFIX + "create:full:" + hash);
		assertThat(portal.findStripeConfigurationId("full")).hasValue("bpc_1RecurNew");
	}

	@Test
	void synchronizeInvoicesThenInvoiceHistoryIsTheOnlyFeatureEnabledAndNoPriceIsListed() {
		StripeBillingPortal portal = portal(stripe, List.of(INVOICES));

		portal.synchronize();

		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::path)
			.containsExactly(CONFIGURATIONS_PATH, CONFIGURATIONS_PATH);
		StripeTestSupport.Recorded create = onlyWrite();
		String hash = create.params().get(HASH_PARAM);
		// Stripe leaves off only what is not enabled; every feature is named to be explicit.
		assertThat(create.params()).isEqualTo(params("name", "recur-portal invoices",
				"features[invoice_history][enabled]", "true", "features[payment_method_update][enabled]", "false",
				"features[customer_update][enabled]", "false", "features[subscription_cancel][enabled]", "false",
				"features[subscription_update][enabled]", "false", "metadata[recur_portal_configuration]", "invoices",
				HASH_PARAM, hash));
		assertThat(create.idempotencyKey()).isEqualTo(KEY_PREFIX + "create:invoices:" + hash);
	}

	@Test
	void synchronizeCustomThenMapsBrandingCancellationNamedPricesProrationAndScheduledDowngrades(
			CapturedOutput output) {
		portal(stripe, List.of(TEAM)).synchronize();

		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::path)
			.containsExactly(CONFIGURATIONS_PATH, "/v1/prices/price_ProYearly", "/v1/prices/price_BasicMonthly",
					"/v1/prices/price_ProMonthly", CONFIGURATIONS_PATH);
		StripeTestSupport.Recorded create = onlyWrite();
		Map<String, String> expected = new LinkedHashMap<>(params("name", "recur-portal team",
				"business_profile[headline]", "Manage your Acme plan", "business_profile[privacy_policy_url]",
				"https://acme.example/privacy", "business_profile[terms_of_service_url]", "https://acme.example/terms",
				"default_return_url", "https://acme.example/account", "features[invoice_history][enabled]", "true",
				"features[payment_method_update][enabled]", "false", "features[customer_update][enabled]", "false",
				"features[subscription_cancel][enabled]", "true", "features[subscription_cancel][mode]", "immediately",
				"features[subscription_cancel][cancellation_reason][enabled]", "true",
				"features[subscription_cancel][cancellation_reason][options][0]", "too_expensive",
				"features[subscription_cancel][cancellation_reason][options][1]", "other",
				"features[subscription_update][enabled]", "true",
				"features[subscription_update][default_allowed_updates][0]", "price",
				"features[subscription_update][proration_behavior]", "always_invoice",
				// Grouped by product in the order the prices are named.
				"features[subscription_update][products][0][product]", "prod_Pro",
				"features[subscription_update][products][0][prices][0]", "price_ProYearly",
				"features[subscription_update][products][0][prices][1]", "price_ProMonthly",
				"features[subscription_update][products][1][product]", "prod_Basic",
				"features[subscription_update][products][1][prices][0]", "price_BasicMonthly",
				"features[subscription_update][schedule_at_period_end][conditions][0][type]", "decreasing_item_amount",
				"metadata[recur_portal_configuration]", "team"));
		expected.put(HASH_PARAM, create.params().get(HASH_PARAM));
		assertThat(create.params()).isEqualTo(expected);
		assertThat(output).contains("forbids downgrades, which Stripe's hosted portal cannot")
			.contains("no equivalent of subscription-pause, license-keys")
			.contains("logo and colour from the Stripe Dashboard");
	}

	@Test
	void synchronizeWhenTheBusinessHasNoHeadlineThenItsNameIsTheHeadline() {
		PortalConfiguration named = new PortalConfiguration("named", Set.of(PortalFeature.INVOICE_HISTORY),
				new PortalConfiguration.Branding("Acme Cloud", null, null, null, null, null),
				PortalConfiguration.Cancellation.DEFAULT, PortalConfiguration.PlanChange.DEFAULT, null);

		portal(stripe, List.of(named)).synchronize();

		assertThat(onlyWrite().params()).containsEntry("business_profile[headline]", "Acme Cloud")
			.doesNotContainKeys("business_profile[privacy_policy_url]", "business_profile[terms_of_service_url]");
	}

	@Test
	void synchronizeWhenCancellationAsksForNoReasonThenReasonsAreDisabledWithNoOption() {
		PortalConfiguration noReasons = new PortalConfiguration("no-reasons",
				Set.of(PortalFeature.SUBSCRIPTION_CANCEL), PortalConfiguration.Branding.NONE,
				new PortalConfiguration.Cancellation(CancelTiming.PERIOD_END, List.of()),
				PortalConfiguration.PlanChange.DEFAULT, null);

		portal(stripe, List.of(noReasons)).synchronize();

		assertThat(onlyWrite().params()).containsEntry("features[subscription_cancel][enabled]", "true")
			.containsEntry("features[subscription_cancel][cancellation_reason][enabled]", "false")
			.containsEntry("features[subscription_cancel][cancellation_reason][options]", "");
	}

	@Test
	void synchronizeWhenUpToDateThenMakesNoWrite() {
		String hash = hashSentFor(FULL);
		stubConfigurations(stripeDefault(), owned("bpc_1RecurFull", "full", hash));
		StripeBillingPortal restarted = portal(stripe, List.of(FULL));

		restarted.synchronize();

		assertThat(writes()).isEmpty();
		assertThat(restarted.findStripeConfigurationId("full")).hasValue("bpc_1RecurFull");
	}

	@Test
	void synchronizeWhenChangedThenUpdatesTheSameConfigurationWithEveryParameterClearingWhatIsGone() {
		String created = hashSentFor(FULL);
		stubConfigurations(stripeDefault(), owned("bpc_1RecurFull", "full", STALE_HASH));
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH + "/bpc_1RecurFull"))
			.willReturn(json(owned("bpc_1RecurFull", "full", STALE_HASH))));
		StripeBillingPortal portal = portal(stripe, List.of(FULL));

		portal.synchronize();

		StripeTestSupport.Recorded update = onlyWrite();
		assertThat(update.path()).isEqualTo(CONFIGURATIONS_PATH + "/bpc_1RecurFull");
		String hash = update.params().get(HASH_PARAM);
		Map<String, String> expected = new LinkedHashMap<>(params("active", "true", "name", "recur-portal full",
				"business_profile[headline]", "", "business_profile[privacy_policy_url]", "",
				"business_profile[terms_of_service_url]", "", "default_return_url", ""));
		expected.putAll(fullFeatures());
		expected.putAll(params("features[subscription_update][schedule_at_period_end][conditions]", "",
				"metadata[recur_portal_configuration]", "full", HASH_PARAM, hash));
		assertThat(update.params()).isEqualTo(expected);
		// The object's 'updated' time is in the key: a later change gets a fresh one.
		assertThat(update.idempotencyKey()).isEqualTo(KEY_PREFIX + "update:bpc_1RecurFull:1784000100:" + hash);
		assertThat(hash).isEqualTo(created);
		assertThat(portal.findStripeConfigurationId("full")).hasValue("bpc_1RecurFull");
	}

	@Test
	void synchronizeWhenUpToDateButDeactivatedThenActivatesIt() {
		String hash = hashSentFor(INVOICES);
		stubConfigurations(configuration("bpc_1RecurInvoices", (configuration) -> {
			configuration.put("active", false);
			ownedBy(configuration, "invoices", hash);
		}));
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH + "/bpc_1RecurInvoices"))
			.willReturn(json(owned("bpc_1RecurInvoices", "invoices", hash))));

		portal(stripe, List.of(INVOICES)).synchronize();

		StripeTestSupport.Recorded update = onlyWrite();
		assertThat(update.path()).isEqualTo(CONFIGURATIONS_PATH + "/bpc_1RecurInvoices");
		assertThat(update.params()).containsEntry("active", "true").containsEntry(HASH_PARAM, hash);
	}

	@Test
	void synchronizeWhenDuplicatesThenKeepsTheOldestActiveOneAndDeactivatesTheOtherActiveOnes() {
		String hash = hashSentFor(INVOICES);
		// Up to date, but newer: instances of another release keep the oldest whatever its hash.
		String current = owned("bpc_1Current", "invoices", hash);
		String inactive = configuration("bpc_1Inactive", (configuration) -> {
			configuration.put("active", false);
			configuration.put("created", 1782000000);
			ownedBy(configuration, "invoices", STALE_HASH);
		});
		String older = configuration("bpc_1Older", (configuration) -> {
			configuration.put("created", 1783000000);
			ownedBy(configuration, "invoices", STALE_HASH);
		});
		stubConfigurations(current, inactive, older);
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH + "/bpc_1Current"))
			.willReturn(json(owned("bpc_1Current", "invoices", hash))));
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH + "/bpc_1Older"))
			.willReturn(json(owned("bpc_1Older", "invoices", STALE_HASH))));
		StripeBillingPortal portal = portal(stripe, List.of(INVOICES));

		portal.synchronize();

		List<StripeTestSupport.Recorded> writes = writes();
		assertThat(writes).extracting(StripeTestSupport.Recorded::path)
			.containsExactly(CONFIGURATIONS_PATH + "/bpc_1Current", CONFIGURATIONS_PATH + "/bpc_1Older");
		assertThat(writes.get(0).params()).isEqualTo(Map.of("active", "false"));
		assertThat(writes.get(0).idempotencyKey()).isEqualTo(KEY_PREFIX + "deactivate:bpc_1Current:1784000100");
		assertThat(writes.get(1).params()).containsEntry("active", "true").containsEntry(HASH_PARAM, hash);
		assertThat(portal.findStripeConfigurationId("invoices")).hasValue("bpc_1Older");
	}

	@Test
	void synchronizeWhenMoreThanAPageThenFollowsStartingAfter() {
		String hash = hashSentFor(INVOICES);
		stripe.stubFor(get(urlPathEqualTo(CONFIGURATIONS_PATH)).withQueryParam("starting_after", absent())
			.willReturn(json(list(CONFIGURATIONS_PATH, true, stripeDefault()))));
		stripe.stubFor(get(urlPathEqualTo(CONFIGURATIONS_PATH))
			.withQueryParam("starting_after", equalTo("bpc_1Default"))
			.willReturn(json(list(CONFIGURATIONS_PATH, false, owned("bpc_1RecurInvoices", "invoices", hash)))));
		StripeBillingPortal portal = portal(stripe, List.of(INVOICES));

		portal.synchronize();

		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::params)
			.containsExactly(Map.of("limit", "100"), Map.of("limit", "100", "starting_after", "bpc_1Default"));
		assertThat(portal.findStripeConfigurationId("invoices")).hasValue("bpc_1RecurInvoices");
	}

	@Test
	void synchronizeWhenANamedPriceIsArchivedOrUnknownThenLeavesItOut(CapturedOutput output) {
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_ProYearly"))
			.willReturn(json(
					fixture("price.json", (price) -> price.put("id", "price_ProYearly").put("active", false)))));
		stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_BasicMonthly"))
			.willReturn(resourceMissing("price: 'price_BasicMonthly'", null)));

		portal(stripe, List.of(TEAM)).synchronize();

		assertThat(onlyWrite().params())
			.containsEntry("features[subscription_update][products][0][product]", "prod_Pro")
			.containsEntry("features[subscription_update][products][0][prices][0]", "price_ProMonthly")
			.doesNotContainKeys("features[subscription_update][products][0][prices][1]",
					"features[subscription_update][products][1][product]");
		assertThat(output).contains("offers price 'price_ProYearly' which Stripe does not offer")
			.contains("offers price 'price_BasicMonthly' which Stripe does not offer");
	}

	@Test
	void synchronizeWhenMoreThanTenProductsAreActiveThenOffersTheCheapestTen(CapturedOutput output) {
		List<String> prices = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			int index = i;
			prices.add(fixture("price.json", (price) -> {
				price.put("id", "price_P" + index);
				price.put("unit_amount", 1000 + index);
				price.withObject("product").put("id", "prod_P" + index);
			}));
		}
		stripe.stubFor(get(urlPathEqualTo("/v1/prices"))
			.willReturn(json(list("/v1/prices", false, prices.toArray(String[]::new)))));

		portal(stripe, List.of(FULL)).synchronize();

		assertThat(onlyWrite().params()).containsEntry("features[subscription_update][products][9][product]", "prod_P9")
			.doesNotContainKey("features[subscription_update][products][10][product]");
		assertThat(output).contains("offers the first 10 (cheapest first)");
	}

	@Test
	void synchronizeWhenMoreThanTenProductsAreNamedThenIllegalArgumentAndNoWrite() {
		List<String> named = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			int index = i;
			named.add("price_P" + index);
			stripe.stubFor(get(urlPathEqualTo("/v1/prices/price_P" + index))
				.willReturn(json(fixture("price.json", (price) -> {
					price.put("id", "price_P" + index);
					price.withObject("product").put("id", "prod_P" + index);
				}))));
		}
		PortalConfiguration tooMany = new PortalConfiguration("too-many", Set.of(PortalFeature.SUBSCRIPTION_UPDATE),
				PortalConfiguration.Branding.NONE, PortalConfiguration.Cancellation.DEFAULT,
				new PortalConfiguration.PlanChange(named, true, ProrationBehavior.NONE), null);

		assertThatIllegalArgumentException().isThrownBy(() -> portal(stripe, List.of(tooMany)).synchronize())
			.withMessageContaining("offers prices of 11 products; Stripe's hosted portal offers at most 10");
		assertThat(writes()).isEmpty();
	}

	@Test
	void synchronizeWhenThereIsNoPriceToSwitchToThenPlanChangesAreDisabled() {
		stripe.stubFor(get(urlPathEqualTo("/v1/prices")).willReturn(json(list("/v1/prices", false))));

		portal(stripe, List.of(FULL)).synchronize();

		assertThat(onlyWrite().params()).containsEntry("features[subscription_update][enabled]", "false")
			.doesNotContainKey("features[subscription_update][products][0][product]");
	}

	@Test
	void synchronizeWhenACancellationReasonIsNotStripesThenIllegalArgumentAndNoWrite() {
		PortalConfiguration unknownReason = new PortalConfiguration("odd", Set.of(PortalFeature.SUBSCRIPTION_CANCEL),
				PortalConfiguration.Branding.NONE,
				new PortalConfiguration.Cancellation(CancelTiming.PERIOD_END, List.of("too_expensive", "bored")),
				PortalConfiguration.PlanChange.DEFAULT, null);

		assertThatIllegalArgumentException().isThrownBy(() -> portal(stripe, List.of(unknownReason)).synchronize())
			.withMessageContaining("cancellation reason 'bored' which Stripe does not know");
		assertThat(writes()).isEmpty();
	}

	@Test
	void synchronizeWhenTheHeadlineIsLongerThanStripeTakesThenIllegalArgument() {
		PortalConfiguration wordy = new PortalConfiguration("wordy", Set.of(PortalFeature.INVOICE_HISTORY),
				new PortalConfiguration.Branding(null, "x".repeat(61), null, null, null, null),
				PortalConfiguration.Cancellation.DEFAULT, PortalConfiguration.PlanChange.DEFAULT, null);

		assertThatIllegalArgumentException().isThrownBy(() -> portal(stripe, List.of(wordy)).synchronize())
			.withMessageContaining("headline of 61 characters; Stripe's hosted portal accepts at most 60");
	}

	@Test
	void synchronizeWhenACreateIsReplayedThenReadsTheConfigurationAgainAndUpdatesIt() {
		String hash = hashSentFor(INVOICES);
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH))
			.willReturn(json(owned("bpc_1RecurInvoices", "invoices", hash)).withHeader("Idempotent-Replayed", "true")));
		// What it is now: changed since the create Stripe replays.
		stripe.stubFor(get(urlPathEqualTo(CONFIGURATIONS_PATH + "/bpc_1RecurInvoices"))
			.willReturn(json(owned("bpc_1RecurInvoices", "invoices", STALE_HASH))));
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH + "/bpc_1RecurInvoices"))
			.willReturn(json(owned("bpc_1RecurInvoices", "invoices", STALE_HASH))));
		StripeBillingPortal portal = portal(stripe, List.of(INVOICES));

		portal.synchronize();

		assertThat(requests(stripe)).extracting(StripeTestSupport.Recorded::method, StripeTestSupport.Recorded::path)
			.containsExactly(tuple("GET", CONFIGURATIONS_PATH),
					tuple("POST", CONFIGURATIONS_PATH),
					tuple("GET", CONFIGURATIONS_PATH + "/bpc_1RecurInvoices"),
					tuple("POST", CONFIGURATIONS_PATH + "/bpc_1RecurInvoices"));
		assertThat(portal.findStripeConfigurationId("invoices")).hasValue("bpc_1RecurInvoices");
	}

	@Test
	void synchronizeWhenRateLimitedThenProviderUnavailableWithStripesRetryAfter() {
		stripe.stubFor(get(urlPathEqualTo(CONFIGURATIONS_PATH)).willReturn(
				error(429, "invalid_request_error", "rate_limit", "Too many requests", null, null)
					.withHeader("Retry-After", "3")));
		StripeBillingPortal portal = portal(stripe, List.of(FULL));

		PortalException ex = catchThrowableOfType(PortalException.class, portal::synchronize);

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(3));
		assertThat(requests(stripe)).hasSize(1);
		assertThat(portal.findStripeConfigurationId("full")).isEmpty();
	}

	@Test
	void synchronizeWhenStripeRejectsTheConfigurationThenInvalidRequestAndTheOthersBeforeItAreKept() {
		String hash = hashSentFor(INVOICES);
		stripe.stubFor(post(urlPathEqualTo(CONFIGURATIONS_PATH)).willReturn(error(400, "invalid_request_error",
				"parameter_invalid_empty", "You passed an empty string for 'features[...]'", "features", null)));
		stubConfigurations(owned("bpc_1RecurInvoices", "invoices", hash));
		StripeBillingPortal portal = portal(stripe, List.of(INVOICES, FULL));

		PortalException ex = catchThrowableOfType(PortalException.class, portal::synchronize);

		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.INVALID_REQUEST);
		assertThat(portal.findStripeConfigurationId("invoices")).hasValue("bpc_1RecurInvoices");
		assertThat(portal.findStripeConfigurationId("full")).isEmpty();
	}

}
