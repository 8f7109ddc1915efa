package io.recurportal.configuration;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.HostedPortalConfiguration;

/**
 * The portal configurations by name. The built-in {@code full} (every feature) and
 * {@code invoices} (view subscriptions and invoices, download PDFs) exist unless replaced
 * by configurations of the same name.
 */
public final class PortalConfigurations {

	private final Map<String, PortalConfiguration> configurations;

	/**
	 * Creates the registry from the host's configurations, added over the built-in ones.
	 * @param configurations the host's configurations
	 */
	public PortalConfigurations(Collection<PortalConfiguration> configurations) {
		Map<String, PortalConfiguration> byId = new LinkedHashMap<>();
		for (PortalConfiguration configuration : builtIn()) {
			byId.put(configuration.id(), configuration);
		}
		for (PortalConfiguration configuration : configurations) {
			byId.put(configuration.id(), configuration);
		}
		this.configurations = Map.copyOf(byId);
	}

	/**
	 * The built-in configurations.
	 * @return {@code full} and {@code invoices}
	 */
	public static List<PortalConfiguration> builtIn() {
		return List.of(
				new PortalConfiguration(PortalConfiguration.FULL, PortalFeature.all(),
						PortalConfiguration.Branding.NONE, PortalConfiguration.Cancellation.DEFAULT,
						PortalConfiguration.PlanChange.DEFAULT, null),
				new PortalConfiguration(PortalConfiguration.INVOICES,
						Set.of(PortalFeature.SUBSCRIPTION_VIEW, PortalFeature.INVOICE_HISTORY),
						PortalConfiguration.Branding.NONE,
						new PortalConfiguration.Cancellation(CancelTiming.PERIOD_END, List.of()),
						PortalConfiguration.PlanChange.DEFAULT, null));
	}

	/**
	 * A configuration by name.
	 * @param id the name
	 * @return the configuration, if one has the name
	 */
	public Optional<PortalConfiguration> find(String id) {
		return Optional.ofNullable(this.configurations.get(id));
	}

	/**
	 * A configuration that must exist.
	 * @param id the name
	 * @return the configuration
	 * @throws IllegalArgumentException when none has the name
	 */
	public PortalConfiguration get(String id) {
		return find(id).orElseThrow(() -> new IllegalArgumentException(
				"No portal configuration named '" + id + "'; known: " + this.configurations.keySet()));
	}

	/**
	 * Every configuration.
	 * @return the configurations
	 */
	public Collection<PortalConfiguration> all() {
		return this.configurations.values();
	}

	/**
	 * Every configuration, as a provider's hosted portal should offer it.
	 * @return the configurations in the provider's terms
	 * @see PortalConfiguration#hostedPortal()
	 */
	public List<HostedPortalConfiguration> hostedPortals() {
		return this.configurations.values().stream().map(PortalConfiguration::hostedPortal).toList();
	}

}
