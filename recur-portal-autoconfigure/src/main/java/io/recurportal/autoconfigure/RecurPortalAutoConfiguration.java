package io.recurportal.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import io.recurportal.access.PortalAccessPolicy;
import io.recurportal.activity.BillingActivity;
import io.recurportal.account.AccountCustomerLinks;
import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.customer.BillingAccountCustomerResolver;
import io.recurportal.account.InMemoryAccountCustomerLinks;
import io.recurportal.audit.AuditTrail;
import io.recurportal.audit.AuditedActions;
import io.recurportal.audit.InMemoryAuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingProvider;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurationResolver;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.configuration.RoleMappingPortalConfigurationResolver;
import io.recurportal.customer.CustomerProfiles;
import io.recurportal.customer.EmailChangeStore;
import io.recurportal.customer.InMemoryEmailChangeStore;
import io.recurportal.customer.PaymentMethodUpdates;
import io.recurportal.customer.SavedPaymentMethods;
import io.recurportal.invoice.AccountInvoices;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.session.InMemoryPortalSessionStore;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.PortalSessionStore;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.ReturnUrlPolicy;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.snapshot.BillingSnapshotStore;
import io.recurportal.snapshot.InMemoryBillingSnapshotStore;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.InMemorySubscriptionMirror;
import io.recurportal.subscription.SubscriptionCheckout;
import io.recurportal.subscription.SubscriptionLifecycle;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.webhook.PortalChangeAnnouncer;

/**
 * Auto-configuration of the portal's core: configurations, the role mapping, the
 * access policy and how accounts find their customer.
 */
@AutoConfiguration(after = RecurPortalBillingAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ RecurPortalProperties.class, RecurPortalRoleMappingProperties.class,
		RecurPortalWebProperties.class, RecurPortalSessionsProperties.class, RecurPortalMirrorProperties.class })
public final class RecurPortalAutoConfiguration {

	// Enough for a development machine's history; the JDBC trail keeps everything.
	private static final int IN_MEMORY_AUDIT_CAPACITY = 10_000;

	@Bean
	@ConditionalOnMissingBean
	PortalConfigurations portalConfigurations(RecurPortalProperties properties) {
		return PortalConfigurationsFactory.create(properties.getConfigurations());
	}

	@Bean
	@ConditionalOnMissingBean
	PortalConfigurationResolver portalConfigurationResolver(PortalConfigurations configurations,
			RecurPortalRoleMappingProperties mapping) {
		mapping.getRoles()
			.forEach((role, id) -> requireConfiguration(configurations, "recur.portal.role-mapping.roles." + role, id));
		requireConfiguration(configurations, "recur.portal.role-mapping.fallback", mapping.getFallback());
		return new RoleMappingPortalConfigurationResolver(configurations, mapping.getRoles(), mapping.getFallback());
	}

	@Bean
	RoleMappingOverriddenWarning recurPortalRoleMappingOverriddenWarning(
			PortalConfigurationResolver portalConfigurationResolver, Environment environment) {
		return new RoleMappingOverriddenWarning(portalConfigurationResolver, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	PortalAccessPolicy portalAccessPolicy() {
		return new PortalAccessPolicy();
	}

	@Bean
	@ConditionalOnMissingBean
	AccountCustomerLinks accountCustomerLinks() {
		return new InMemoryAccountCustomerLinks();
	}

	@Bean
	@ConditionalOnMissingBean
	AccountCustomerResolver accountCustomerResolver(BillingGateway billingGateway, AccountSnapshots snapshots,
			AccountCustomerLinks links) {
		return new BillingAccountCustomerResolver(billingGateway, snapshots, links);
	}

	@Bean
	ReturnUrlPolicy returnUrlPolicy(RecurPortalProperties properties) {
		List<String> origins = properties.getAllowedReturnOrigins();
		for (int i = 0; i < origins.size(); i++) {
			try {
				new ReturnUrlPolicy(List.of(origins.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw new PortalSettingException("recur.portal.allowed-return-origins[" + i + "]", origins.get(i),
						"an allowed return origin is a scheme, a host and an optional port, with no path, "
								+ "query or fragment",
						"Write the origin only, like https://app.example.com or http://localhost:8080.");
			}
		}
		return new ReturnUrlPolicy(origins);
	}

	@Bean
	@ConditionalOnMissingBean
	SubscriptionMirror subscriptionMirror() {
		return new InMemorySubscriptionMirror();
	}

	@Bean
	@ConditionalOnMissingBean
	PortalMetrics portalMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
		MeterRegistry registry = meterRegistry.getIfUnique();
		return (registry != null) ? new PortalMetrics(registry) : PortalMetrics.none();
	}

	@Bean
	@ConditionalOnMissingBean
	BillingSnapshotStore billingSnapshotStore() {
		return new InMemoryBillingSnapshotStore();
	}

	@Bean
	AccountSnapshots accountSnapshots(BillingSnapshotStore store, RecurPortalMirrorProperties mirror) {
		PortalSettingsChecks.notNegative("recur.portal.mirror.time-to-live", mirror.getTimeToLive());
		return new AccountSnapshots(store, mirror.getTimeToLive(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	PortalSessionStore portalSessionStore() {
		return new InMemoryPortalSessionStore();
	}

	@Bean
	@ConditionalOnMissingBean
	EmailChangeStore emailChangeStore() {
		return new InMemoryEmailChangeStore();
	}

	@Bean
	@ConditionalOnMissingBean
	AuditTrail auditTrail() {
		return new InMemoryAuditTrail(IN_MEMORY_AUDIT_CAPACITY);
	}

	@Bean
	AuditedActions auditedActions(AuditTrail auditTrail, AccountSnapshots snapshots, PortalMetrics metrics) {
		// Any action may change what the provider holds for the account (a failed charge too
		// leaves an invoice): its snapshots are forgotten after each, whatever the outcome.
		return new AuditedActions(auditTrail, metrics, Clock.systemUTC(),
				(accountId, action, result) -> snapshots.forget(accountId));
	}

	@Bean
	AccountSubscriptions accountSubscriptions(BillingGateway billingGateway, SubscriptionMirror mirror,
			AccountCustomerResolver customerResolver, AccountSnapshots snapshots, ApplicationEventPublisher publisher) {
		AccountSubscriptions subscriptions = new AccountSubscriptions(billingGateway, mirror, customerResolver,
				snapshots, Clock.systemUTC());
		subscriptions.setChangeListener(new PortalChangeAnnouncer(publisher));
		return subscriptions;
	}

	@Bean
	SubscriptionLifecycle subscriptionLifecycle(BillingGateway billingGateway, AccountSubscriptions subscriptions,
			AuditedActions auditedActions) {
		return new SubscriptionLifecycle(billingGateway, subscriptions, auditedActions);
	}

	@Bean
	SubscriptionCheckout subscriptionCheckout(BillingGateway billingGateway, AccountSubscriptions subscriptions,
			ReturnUrlPolicy returnUrlPolicy, AuditedActions auditedActions, AccountCustomerLinks links) {
		SubscriptionCheckout checkout = new SubscriptionCheckout(billingGateway, subscriptions, returnUrlPolicy,
				auditedActions);
		checkout.setCustomerLinks(links);
		return checkout;
	}

	@Bean
	@ConditionalOnMissingBean
	BillingActivity billingActivity(AuditTrail auditTrail, AccountSubscriptions subscriptions,
			BillingGateway billingGateway) {
		return new BillingActivity(auditTrail, subscriptions, billingGateway);
	}

	@Bean
	CustomerProfiles customerProfiles(BillingGateway billingGateway, AccountSubscriptions subscriptions,
			AuditedActions auditedActions, AccountSnapshots snapshots) {
		return new CustomerProfiles(billingGateway, subscriptions, auditedActions, snapshots);
	}

	@Bean
	SavedPaymentMethods savedPaymentMethods(BillingGateway billingGateway, AccountSubscriptions subscriptions,
			CustomerProfiles customerProfiles, AuditedActions auditedActions) {
		return new SavedPaymentMethods(billingGateway, subscriptions, customerProfiles, auditedActions,
				Clock.systemUTC());
	}

	@Bean
	PaymentMethodUpdates paymentMethodUpdates(BillingGateway billingGateway, AccountSubscriptions subscriptions,
			AuditedActions auditedActions) {
		return new PaymentMethodUpdates(billingGateway, subscriptions, auditedActions);
	}

	@Bean
	@ConditionalOnMissingBean
	PortalLinks portalLinks(RecurPortalProperties properties, RecurPortalWebProperties web,
			ObjectProvider<BillingProvider> provider, Environment environment) {
		String portalPath = web.getPath();
		String baseUrl = properties.getBaseUrl();
		if (StringUtils.hasText(baseUrl)) {
			return new PortalLinks(checkedBaseUrl(baseUrl.trim()), portalPath);
		}
		if (provider.getIfAvailable(BillingProvider::unknown).has(BillingProvider.Capability.LOCAL_DEVELOPMENT)) {
			return PortalLinks.withOrigin(new LoopbackOrigin(environment), portalPath);
		}
		// Relative links: the request's Host is never a link's origin.
		return new PortalLinks(null, portalPath);
	}

	@Bean
	@ConditionalOnMissingBean
	PortalSessions portalSessions(BillingGateway billingGateway, PortalSessionStore store,
			PortalConfigurations configurations, ReturnUrlPolicy returnUrlPolicy,
			RecurPortalSessionsProperties sessionsProperties, PortalMetrics metrics, PortalLinks links,
			AccountCustomerLinks customerLinks) {
		requireConfiguration(configurations, "recur.portal.sessions.default-configuration",
				sessionsProperties.getDefaultConfiguration());
		PortalSessions sessions = new PortalSessions(billingGateway, store, configurations, returnUrlPolicy, links,
				sessionsProperties.getDefaultConfiguration(), Clock.systemUTC());
		sessions.setMetrics(metrics);
		sessions.setCustomerLinks(customerLinks);
		return sessions;
	}

	@Bean
	AccountInvoices accountInvoices(BillingGateway billingGateway, AccountSubscriptions subscriptions,
			AccountSnapshots snapshots) {
		return new AccountInvoices(billingGateway, subscriptions, snapshots);
	}

	static void requireConfiguration(PortalConfigurations configurations, String property, String id) {
		if (configurations.find(id).isEmpty()) {
			List<String> known = configurations.all().stream().map(PortalConfiguration::id).sorted().toList();
			throw new PortalSettingException(property, id, "no portal configuration is named '" + id + "' (known: "
					+ String.join(", ", known) + ")",
					"Name one of " + String.join(", ", known) + ", or define '" + id
							+ "' under recur.portal.configurations." + id + ".");
		}
	}

	private static String checkedBaseUrl(String baseUrl) {
		URI uri;
		try {
			uri = new URI(baseUrl);
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
				|| uri.getRawUserInfo() != null
				|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.base-url", baseUrl,
					"Must be an http or https URL with a host and no query, like https://billing.example.com");
		}
		return baseUrl;
	}

}
