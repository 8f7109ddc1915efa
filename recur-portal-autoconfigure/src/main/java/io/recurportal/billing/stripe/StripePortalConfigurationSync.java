package io.recurportal.billing.stripe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.stripe.StripeClient;
import com.stripe.model.StripeCollection;
import com.stripe.model.billingportal.Configuration;
import com.stripe.net.StripeResponse;
import com.stripe.param.billingportal.ConfigurationListParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams;
import io.recurportal.billing.HostedPortalConfiguration;
import io.recurportal.billing.Price;
import io.recurportal.error.PortalErrorCode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Makes Stripe hold exactly one active billing-portal configuration per portal
 * configuration, found again by its metadata {@value #CONFIGURATION_METADATA}.
 * <p>
 * The metadata {@value #HASH_METADATA} holds the hash of what was last sent
 * ({@link StripePortalConfigurationParams#hash}): a configuration with the wanted hash is
 * left alone, so a restart with unchanged configurations makes no write. Every write
 * carries an idempotency key derived from what it is about, so instances that start
 * together and see the same state make the same writes with the same keys, and Stripe
 * applies each once:
 * <ul>
 * <li>create: the portal configuration and the hash; an answer Stripe replays (marked
 * {@code Idempotent-Replayed}) is read again, as the object may have changed since;</li>
 * <li>update: the Stripe configuration, its {@code updated} time (so the next change of
 * the same object gets a fresh key instead of a replayed answer) and the hash;</li>
 * <li>deactivate (of duplicates left by instances that raced with different
 * configurations): the Stripe configuration and its {@code updated} time.</li>
 * </ul>
 * Instances choose which of several candidates to keep by the same rule, whatever their
 * configurations (the oldest active one, else the oldest), so instances of two releases
 * starting together never deactivate each other's choice.
 * Configurations for portal configurations that no longer exist are left alone: an
 * instance of an older release may still use them.
 */
final class StripePortalConfigurationSync {

	private static final Log logger = LogFactory.getLog(StripePortalConfigurationSync.class);

	/** Metadata naming the portal configuration a Stripe configuration is made from. */
	static final String CONFIGURATION_METADATA = "recur_portal_configuration";

	/** Metadata holding the hash of the parameters a Stripe configuration was last given. */
	static final String HASH_METADATA = "recur_portal_hash";

	static final long PAGE_SIZE = 100;

	/** The most configurations listed, so that a synchronization is a bounded number of calls. */
	static final int MAX_CONFIGURATIONS = 1000;

	private static final String IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";

	private static final String KEY_PREFIX = "recur-portal:billing-portal-configuration:";

	private static final Comparator<Configuration> KEEP_FIRST = Comparator
		.comparing((Configuration configuration) -> !Boolean.TRUE.equals(configuration.getActive()))
		.thenComparing((configuration) -> Objects.requireNonNullElse(configuration.getCreated(), 0L))
		.thenComparing(Configuration::getId);

	private final StripeClient client;

	private final StripeCatalog catalog;

	private final StripeErrorTranslator errors;

	StripePortalConfigurationSync(StripeClient client, StripeCatalog catalog, StripeErrorTranslator errors) {
		this.client = client;
		this.catalog = catalog;
		this.errors = errors;
	}

	/**
	 * Synchronizes configurations, one after another.
	 * @param configurations the portal configurations
	 * @param synchronizedTo told the Stripe configuration id of each portal configuration
	 * as soon as it is synchronized
	 * @throws io.recurportal.error.PortalException when Stripe fails; the configurations
	 * synchronized before are told
	 * @throws IllegalArgumentException when Stripe cannot take a configuration
	 */
	void synchronize(Collection<HostedPortalConfiguration> configurations,
			BiConsumer<String, String> synchronizedTo) {
		if (configurations.isEmpty()) {
			return;
		}
		Map<String, List<Configuration>> existing = listOwned();
		Prices prices = new Prices();
		for (HostedPortalConfiguration configuration : configurations) {
			StripePortalConfigurationSpec spec = StripePortalConfigurationMapper.map(configuration,
					configuration.allows(HostedPortalConfiguration.Feature.SUBSCRIPTION_UPDATE)
							? prices.offeredBy(configuration) : List.of());
			String stripeId = ensure(spec, existing.getOrDefault(configuration.id(), List.of()));
			synchronizedTo.accept(configuration.id(), stripeId);
		}
	}

	private String ensure(StripePortalConfigurationSpec spec, List<Configuration> candidates) {
		String hash = StripePortalConfigurationParams.hash(spec);
		Map<String, String> metadata = Map.of(CONFIGURATION_METADATA, spec.portalConfigurationId(), HASH_METADATA,
				hash);
		Configuration kept;
		if (candidates.isEmpty()) {
			Configuration created = create(spec, metadata, hash);
			if (!isReplayed(created)) {
				return created.getId();
			}
			// Another instance created it (or this one, within the 24 hours Stripe keeps
			// keys): the answer is as it was then, so read what it is now.
			kept = this.errors.call(PortalErrorCode.NOT_FOUND,
					() -> this.client.v1().billingPortal().configurations().retrieve(created.getId()));
		}
		else {
			// Not by hash: instances of two releases then keep the same one (its content is the
			// last starter's) instead of each deactivating the other's.
			kept = candidates.stream().min(KEEP_FIRST).orElseThrow();
			candidates.stream()
				.filter((candidate) -> candidate != kept && Boolean.TRUE.equals(candidate.getActive()))
				.forEach(this::deactivate);
		}
		if (!isUpToDate(kept, hash)) {
			update(kept, spec, metadata, hash);
		}
		return kept.getId();
	}

	private static boolean isUpToDate(Configuration configuration, String hash) {
		return Boolean.TRUE.equals(configuration.getActive())
				&& hash.equals(metadata(configuration).get(HASH_METADATA));
	}

	/**
	 * {@code GET /v1/billing_portal/configurations}, active and inactive: one call per
	 * {@value #PAGE_SIZE} configurations, at most {@value #MAX_CONFIGURATIONS}.
	 */
	private Map<String, List<Configuration>> listOwned() {
		Map<String, List<Configuration>> owned = new LinkedHashMap<>();
		String startingAfter = null;
		int listed = 0;
		while (listed < MAX_CONFIGURATIONS) {
			ConfigurationListParams.Builder params = ConfigurationListParams.builder().setLimit(PAGE_SIZE);
			if (startingAfter != null) {
				params.setStartingAfter(startingAfter);
			}
			StripeCollection<Configuration> page = this.errors.call(PortalErrorCode.NOT_FOUND,
					() -> this.client.v1().billingPortal().configurations().list(params.build()));
			for (Configuration configuration : page.getData()) {
				String portalConfigurationId = metadata(configuration).get(CONFIGURATION_METADATA);
				if (portalConfigurationId != null) {
					owned.computeIfAbsent(portalConfigurationId, (id) -> new ArrayList<>()).add(configuration);
				}
			}
			listed += page.getData().size();
			if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
				return owned;
			}
			startingAfter = page.getData().get(page.getData().size() - 1).getId();
		}
		logger.warn("The Stripe account has more than " + MAX_CONFIGURATIONS + " billing portal configurations; "
				+ "the portal looked at the newest " + MAX_CONFIGURATIONS + " only");
		return owned;
	}

	/** {@code POST /v1/billing_portal/configurations}. */
	private Configuration create(StripePortalConfigurationSpec spec, Map<String, String> metadata, String hash) {
		String key = StripeIdempotencyKeys.of(KEY_PREFIX + "create:" + spec.portalConfigurationId() + ":" + hash);
		Configuration created = this.errors.call(PortalErrorCode.NOT_FOUND,
				() -> this.client.v1()
					.billingPortal()
					.configurations()
					.create(StripePortalConfigurationParams.create(spec, metadata),
							StripeIdempotencyKeys.requestOptions(key)));
		if (!isReplayed(created) && logger.isInfoEnabled()) {
			logger.info("Created Stripe billing portal configuration " + created.getId() + " for portal configuration '"
					+ spec.portalConfigurationId() + "'");
		}
		return created;
	}

	private static boolean isReplayed(Configuration configuration) {
		StripeResponse response = configuration.getLastResponse();
		return response != null && response.headers() != null
				&& "true".equals(response.headers().firstValue(IDEMPOTENT_REPLAYED_HEADER).orElse(null));
	}

	/** {@code POST /v1/billing_portal/configurations/{id}} with every parameter. */
	private void update(Configuration configuration, StripePortalConfigurationSpec spec, Map<String, String> metadata,
			String hash) {
		String key = StripeIdempotencyKeys
			.of(KEY_PREFIX + "update:" + configuration.getId() + ":" + version(configuration) + ":" + hash);
		this.errors.call(PortalErrorCode.NOT_FOUND,
				() -> this.client.v1()
					.billingPortal()
					.configurations()
					.update(configuration.getId(), StripePortalConfigurationParams.update(spec, metadata),
							StripeIdempotencyKeys.requestOptions(key)));
		if (logger.isInfoEnabled()) {
			logger.info("Updated Stripe billing portal configuration " + configuration.getId()
					+ " for portal configuration '" + spec.portalConfigurationId() + "'");
		}
	}

	/** {@code POST /v1/billing_portal/configurations/{id}} with {@code active=false}. */
	private void deactivate(Configuration configuration) {
		String key = StripeIdempotencyKeys
			.of(KEY_PREFIX + "deactivate:" + configuration.getId() + ":" + version(configuration));
		this.errors.call(PortalErrorCode.NOT_FOUND,
				() -> this.client.v1()
					.billingPortal()
					.configurations()
					.update(configuration.getId(), ConfigurationUpdateParams.builder().setActive(false).build(),
							StripeIdempotencyKeys.requestOptions(key)));
		if (logger.isInfoEnabled()) {
			logger.info("Deactivated Stripe billing portal configuration " + configuration.getId()
					+ ", a duplicate for portal configuration '" + metadata(configuration).get(CONFIGURATION_METADATA)
					+ "'");
		}
	}

	// What changes with every write to the object: a key made of it is never replayed stale.
	private static String version(Configuration configuration) {
		Long updated = (configuration.getUpdated() != null) ? configuration.getUpdated() : configuration.getCreated();
		return String.valueOf(updated);
	}

	private static Map<String, String> metadata(Configuration configuration) {
		return (configuration.getMetadata() != null) ? configuration.getMetadata() : Map.of();
	}

	/**
	 * The prices of plan changes, the catalog listed at most once per synchronization.
	 */
	private final class Prices {

		private @Nullable List<Price> offered;

		List<Price> offeredBy(HostedPortalConfiguration configuration) {
			List<String> named = configuration.planChange().prices();
			if (named.isEmpty()) {
				if (this.offered == null) {
					this.offered = StripePortalConfigurationSync.this.catalog.list()
						.stream()
						.filter(Price::active)
						.toList();
				}
				return this.offered;
			}
			List<Price> prices = new ArrayList<>();
			for (String priceId : named) {
				Optional<Price> price = StripePortalConfigurationSync.this.catalog.find(priceId)
					.filter((candidate) -> candidate.active() && candidate.product().active());
				if (price.isPresent()) {
					prices.add(price.get());
				}
				else {
					// A price archived in Stripe must not stop the application from starting.
					logger.warn("Portal configuration '" + configuration.id() + "' offers price '" + priceId
							+ "' which Stripe does not offer (unknown, archived or not a fixed recurring price); "
							+ "the hosted portal leaves it out");
				}
			}
			return prices;
		}

	}

}
