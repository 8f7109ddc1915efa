package io.recurportal.billing.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.stripe.StripeClient;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.HostedPortalConfiguration;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.configuration.PortalFeature;
import tools.jackson.databind.node.ObjectNode;

import static io.recurportal.billing.stripe.StripeTestSupport.fixture;

/**
 * What the hosted portal's tests share: portal configurations, a catalog of Stripe prices,
 * Stripe-shaped billing-portal configurations and a portal pointed at a local server.
 */
final class HostedPortalTestSupport {

	static final String CONFIGURATIONS_PATH = "/v1/billing_portal/configurations";

	static final String SESSIONS_PATH = "/v1/billing_portal/sessions";

	static final PortalConfiguration FULL = PortalConfigurations.builtIn().get(0);

	static final PortalConfiguration INVOICES = PortalConfigurations.builtIn().get(1);

	/** Every option a portal configuration has, set to something other than the default. */
	static final PortalConfiguration TEAM = new PortalConfiguration("team",
			Set.of(PortalFeature.SUBSCRIPTION_VIEW, PortalFeature.INVOICE_HISTORY, PortalFeature.SUBSCRIPTION_CANCEL,
					PortalFeature.SUBSCRIPTION_UPDATE, PortalFeature.SUBSCRIPTION_PAUSE, PortalFeature.LICENSE_KEYS),
			new PortalConfiguration.Branding("Acme Cloud", "Manage your Acme plan", "https://acme.example/logo.png",
					"#ff6600", "https://acme.example/terms", "https://acme.example/privacy"),
			new PortalConfiguration.Cancellation(CancelTiming.IMMEDIATELY, List.of("too_expensive", "other")),
			new PortalConfiguration.PlanChange(List.of("price_ProYearly", "price_BasicMonthly", "price_ProMonthly"),
					false, ProrationBehavior.ALWAYS_INVOICE),
			"https://acme.example/account");

	static final List<String> FEEDBACK_CODES = List.of("too_expensive", "missing_features", "switched_service",
			"unused", "customer_service", "too_complex", "low_quality", "other");

	private HostedPortalTestSupport() {
	}

	static StripeBillingPortal portal(WireMockExtension server, Collection<PortalConfiguration> configurations) {
		return portal(StripeTestSupport.client(server, Duration.ofSeconds(10)), configurations);
	}

	static StripeBillingPortal portal(StripeClient client, Collection<PortalConfiguration> configurations) {
		return new StripeBillingPortal(client, hostedPortals(configurations),
				Clock.fixed(StripeTestSupport.NOW, ZoneOffset.UTC));
	}

	/** The portal's configurations as the hosted portal receives them. */
	static List<HostedPortalConfiguration> hostedPortals(Collection<PortalConfiguration> configurations) {
		return configurations.stream().map(PortalConfiguration::hostedPortal).toList();
	}

	static String basicMonthly() {
		return fixture("price.json", (price) -> {
			price.put("id", "price_BasicMonthly");
			price.put("unit_amount", 1000);
			price.withObject("product").put("id", "prod_Basic").put("name", "Basic");
		});
	}

	static String proMonthly() {
		return fixture("price.json");
	}

	static String proYearly() {
		return fixture("price.json", (price) -> {
			price.put("id", "price_ProYearly");
			price.put("unit_amount", 20000);
			price.withObject("recurring").put("interval", "year");
		});
	}

	/** A Stripe configuration the portal made, for a portal configuration, with a hash. */
	static String owned(String id, String portalConfigurationId, String hash) {
		return configuration(id, (configuration) -> ownedBy(configuration, portalConfigurationId, hash));
	}

	/** Sets the portal's metadata on a configuration. */
	static ObjectNode ownedBy(ObjectNode configuration, String portalConfigurationId, String hash) {
		configuration.withObject("metadata")
			.put(StripePortalConfigurationSync.CONFIGURATION_METADATA, portalConfigurationId)
			.put(StripePortalConfigurationSync.HASH_METADATA, hash);
		return configuration;
	}

	/** The configuration Stripe's Dashboard makes: no metadata of the portal. */
	static String stripeDefault() {
		return configuration("bpc_1Default", (configuration) -> {
			configuration.put("is_default", true);
			configuration.putObject("metadata");
		});
	}

	static String configuration(String id, Consumer<ObjectNode> edit) {
		return fixture("billing-portal-configuration.json", (configuration) -> {
			configuration.put("id", id);
			edit.accept(configuration);
		});
	}

	/** Parameters as the tests write them: name, value, name, value... */
	static Map<String, String> params(String... namesAndValues) {
		Map<String, String> params = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			params.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return params;
	}

	/** The parameters of a list, indexed as stripe-java sends them. */
	static Map<String, String> indexed(String name, List<String> values) {
		Map<String, String> params = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			params.put(name + "[" + i + "]", values.get(i));
		}
		return params;
	}

}
