package io.recurportal.billing.stripe;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.stripe.StripeClient;
import io.recurportal.billing.HostedPortalConfiguration;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Stripe's hosted customer portal for the portal's configurations: each
 * {@link HostedPortalConfiguration} becomes a Stripe billing-portal configuration, and a
 * customer is sent to a billing-portal session of the one for their role.
 * <p>
 * {@link #synchronize()} makes Stripe hold exactly one billing-portal configuration per
 * portal configuration, found again by the metadata {@code recur_portal_configuration}
 * and changed only when the parameters it should have (hashed into the metadata
 * {@code recur_portal_hash}) changed. Instances that start together make each write
 * once: they send the same idempotency keys. Call it once at startup; a session for a
 * configuration that is not yet synchronized (because Stripe failed at startup, say)
 * synchronizes first.
 * <p>
 * Stripe's portal offers less than the portal's own pages: there is no pause and no
 * license keys, downgrades cannot be forbidden (they are scheduled at the end of the
 * period instead), and the logo and colour come from Stripe's Dashboard. See
 * {@code StripePortalConfigurationMapper} for the whole mapping.
 */
public final class StripeBillingPortal {

	private final Map<String, HostedPortalConfiguration> configurations = new ConcurrentHashMap<>();

	private final Map<String, String> stripeConfigurationIds = new ConcurrentHashMap<>();

	private final Object synchronizationMonitor = new Object();

	private final StripePortalConfigurationSync sync;

	private final StripePortalSessions sessions;

	/**
	 * Creates the hosted portal.
	 * @param client the client to call Stripe with (see {@link StripeClients})
	 * @param configurations the portal configurations it serves
	 */
	public StripeBillingPortal(StripeClient client, Collection<HostedPortalConfiguration> configurations) {
		this(client, configurations, Clock.systemUTC());
	}

	StripeBillingPortal(StripeClient client, Collection<HostedPortalConfiguration> configurations, Clock clock) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(configurations, "'configurations' must not be null");
		StripeErrorTranslator errors = new StripeErrorTranslator(clock);
		this.sync = new StripePortalConfigurationSync(client,
				new StripeCatalog(client, new StripeModelMapper(), errors), errors);
		this.sessions = new StripePortalSessions(client, errors);
		serve(configurations);
	}

	/**
	 * Synchronizes every configuration the portal serves. One call lists Stripe's
	 * configurations (one more per 100), one lists the prices when a configuration offers
	 * every price for plan changes (or one per price it names), and one write is made per
	 * configuration that is missing or changed: none when nothing changed.
	 * @throws PortalException when Stripe fails; configurations synchronized before the
	 * failure are kept
	 * @throws IllegalArgumentException when Stripe cannot take a configuration
	 */
	public void synchronize() {
		synchronize(List.copyOf(this.configurations.values()));
	}

	/**
	 * Synchronizes some configurations, which the portal serves from then on (replacing
	 * those of the same ids). See {@link #synchronize()}.
	 * @param configurations the configurations
	 */
	public void synchronize(Collection<HostedPortalConfiguration> configurations) {
		Assert.notNull(configurations, "'configurations' must not be null");
		synchronized (this.synchronizationMonitor) {
			serve(configurations);
			this.sync.synchronize(configurations, this.stripeConfigurationIds::put);
		}
	}

	/**
	 * The Stripe billing-portal configuration of a portal configuration, once synchronized.
	 * @param configurationId the portal configuration's id
	 * @return the Stripe configuration's id ({@code bpc_...}), empty before synchronization
	 */
	public Optional<String> findStripeConfigurationId(String configurationId) {
		return Optional.ofNullable(this.stripeConfigurationIds.get(configurationId));
	}

	/**
	 * Creates a session of Stripe's hosted portal, synchronizing the configuration first if
	 * it has not been. One call, {@code POST /v1/billing_portal/sessions}.
	 * @param customerId the Stripe customer ({@code cus_...})
	 * @param configurationId the portal configuration of the customer's role
	 * @param returnUrl where the portal's "return" link leads
	 * @param flow a task to open the portal on, or {@code null} for its home page
	 * @param locale the portal's language (the portal's {@code en}, {@code zh-TW},
	 * {@code zh-CN}, {@code ja}, {@code th} or any tag Stripe knows; others are
	 * {@code auto}), or {@code null} to let Stripe choose
	 * @param idempotencyKey the key of the portal action
	 * @return the session, with the URL to send the customer to
	 * @throws IllegalArgumentException when the portal serves no configuration with the id
	 * @throws PortalException {@code feature_not_enabled} when the flow needs a feature the
	 * configuration lacks; {@code customer_not_found}, {@code subscription_not_found} or
	 * {@code provider_unavailable} when Stripe refuses or fails
	 */
	public HostedPortalSession createSession(String customerId, String configurationId, String returnUrl,
			@Nullable HostedPortalFlow flow, @Nullable String locale, String idempotencyKey) {
		Assert.hasText(customerId, "'customerId' must not be empty");
		Assert.hasText(configurationId, "'configurationId' must not be empty");
		Assert.hasText(returnUrl, "'returnUrl' must not be empty");
		Assert.hasText(idempotencyKey, "'idempotencyKey' must not be empty");
		HostedPortalConfiguration configuration = this.configurations.get(configurationId);
		if (configuration == null) {
			throw new IllegalArgumentException("No portal configuration named '" + configurationId + "'; known: "
					+ this.configurations.keySet());
		}
		if (flow != null && !configuration.allows(flow.type().feature())) {
			// Stripe would refuse the flow too, with a message not fit for customers.
			throw new PortalException(PortalErrorCode.FEATURE_NOT_ENABLED,
					"The portal configuration does not offer " + flow.type().feature());
		}
		return this.sessions.create(customerId, stripeConfigurationId(configuration), returnUrl, flow, locale,
				idempotencyKey);
	}

	private String stripeConfigurationId(HostedPortalConfiguration configuration) {
		String stripeId = this.stripeConfigurationIds.get(configuration.id());
		if (stripeId != null) {
			return stripeId;
		}
		synchronized (this.synchronizationMonitor) {
			// Another thread may have synchronized while this one waited.
			stripeId = this.stripeConfigurationIds.get(configuration.id());
			if (stripeId == null) {
				this.sync.synchronize(List.of(configuration), this.stripeConfigurationIds::put);
				stripeId = this.stripeConfigurationIds.get(configuration.id());
			}
		}
		Assert.state(stripeId != null, () -> "Portal configuration '" + configuration.id() + "' was not synchronized");
		return stripeId;
	}

	private void serve(Collection<HostedPortalConfiguration> configurations) {
		for (HostedPortalConfiguration configuration : configurations) {
			Assert.notNull(configuration, "'configurations' must not contain null");
			HostedPortalConfiguration previous = this.configurations.put(configuration.id(), configuration);
			if (previous != null && !previous.equals(configuration)) {
				// Its Stripe configuration is stale until synchronized again.
				this.stripeConfigurationIds.remove(configuration.id());
			}
		}
	}

}
