package io.recurportal.autoconfigure;

import java.time.Duration;

import com.stripe.StripeClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import io.recurportal.autoconfigure.RecurPortalProperties.BillingProviderType;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.stripe.HostedPortalFlow;
import io.recurportal.billing.stripe.StripeBillingGateway;
import io.recurportal.billing.stripe.StripeBillingPortal;
import io.recurportal.billing.stripe.StripeClients;
import io.recurportal.billing.stripe.StripeGatewaySettings;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.session.ProviderHostedPortal;

/**
 * The Stripe provider, chosen when a secret key is set. Its {@code StripeClient} is its
 * own, not a bean: the host's client (if any) keeps its own settings, and the portal's
 * keeps the retry and idempotency behaviour the gateway relies on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBillingProvider(BillingProviderType.STRIPE)
@ConditionalOnClass(name = "com.stripe.StripeClient")
class StripeBillingConfiguration {

	private static final Log logger = LogFactory.getLog(StripeBillingConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(BillingGateway.class)
	StripeBillingGateway stripeBillingGateway(RecurPortalProperties properties,
			ObjectProvider<PortalMetrics> metrics) {
		RecurPortalProperties.Stripe stripe = properties.getStripe();
		String secretKey = secretKey(stripe);
		return new StripeBillingGateway(client(stripe, metrics.getIfAvailable(PortalMetrics::none)),
				StripeGatewaySettings.forSecretKey(secretKey, stripe.getPublishableKey(), stripe.getConnectTimeout(),
						stripe.getReadTimeout()));
	}

	@Bean
	@ConditionalOnProperty(name = "recur.portal.mode", havingValue = "stripe-hosted")
	@ConditionalOnMissingBean
	StripeBillingPortal stripeBillingPortal(RecurPortalProperties properties, PortalConfigurations configurations,
			ObjectProvider<PortalMetrics> metrics) {
		return new StripeBillingPortal(client(properties.getStripe(), metrics.getIfAvailable(PortalMetrics::none)),
				configurations.hostedPortals());
	}

	@Bean
	@ConditionalOnProperty(name = "recur.portal.mode", havingValue = "stripe-hosted")
	@ConditionalOnMissingBean
	ProviderHostedPortal stripeHostedPortal(StripeBillingPortal portal) {
		return (customerId, configurationId, returnUrl, flow, subscriptionId, locale, key) -> portal
			.createSession(customerId, configurationId, returnUrl, flowOf(flow, subscriptionId), locale, key)
			.url();
	}

	// Stripe's configurations follow the portal's at start-up; an outage then is not fatal
	// because the first session synchronizes again.
	@Bean
	@ConditionalOnProperty(name = "recur.portal.mode", havingValue = "stripe-hosted")
	SmartInitializingSingleton stripeBillingPortalSynchronizer(StripeBillingPortal portal) {
		return () -> {
			try {
				portal.synchronize();
			}
			catch (PortalException ex) {
				logger.warn("recur-portal: Stripe billing portal configurations not synchronized at start-up ("
						+ ex.getMessage() + "); they will be when the first session is opened.");
			}
		};
	}

	private static @Nullable HostedPortalFlow flowOf(@Nullable String flow, @Nullable String subscriptionId) {
		if (flow == null) {
			return null;
		}
		return switch (flow) {
			case "payment_method_update" -> HostedPortalFlow.paymentMethodUpdate();
			case "subscription_cancel" -> HostedPortalFlow.subscriptionCancel(required(subscriptionId));
			case "subscription_update" -> HostedPortalFlow.subscriptionUpdate(required(subscriptionId));
			default -> throw new PortalException(PortalErrorCode.INVALID_REQUEST, "Unknown flow '" + flow + "'.");
		};
	}

	private static String required(@Nullable String subscriptionId) {
		if (subscriptionId == null) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "This flow needs a subscription_id.");
		}
		return subscriptionId;
	}

	private static StripeClient client(RecurPortalProperties.Stripe stripe, PortalMetrics metrics) {
		return StripeClients.create(secretKey(stripe), stripe.getApiBase(), stripe.getMaxNetworkRetries(),
				positive("connect-timeout", stripe.getConnectTimeout()),
				positive("read-timeout", stripe.getReadTimeout()), positive("call-timeout", stripe.getCallTimeout()),
				metrics);
	}

	private static Duration positive(String property, Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.stripe." + property, timeout,
					"A Stripe timeout must be positive");
		}
		return timeout;
	}

	private static String secretKey(RecurPortalProperties.Stripe stripe) {
		String secretKey = stripe.getSecretKey();
		if (!StringUtils.hasText(secretKey)) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.stripe.secret-key", "",
					"recur.portal.billing=stripe needs a Stripe secret key");
		}
		return secretKey;
	}

}
