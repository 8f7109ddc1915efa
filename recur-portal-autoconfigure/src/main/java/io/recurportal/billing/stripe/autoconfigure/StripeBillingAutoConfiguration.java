package io.recurportal.billing.stripe.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.stripe.StripeClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

import io.recurportal.autoconfigure.ConditionalOnBillingProvider;
import io.recurportal.autoconfigure.RecurPortalBillingAutoConfiguration;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingProvider;
import io.recurportal.billing.BillingProvider.Capability;
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
 * Auto-configuration of the Stripe provider, selected by {@code recur.portal.billing=stripe}
 * or, under {@code auto}, by a secret key: its {@link BillingGateway}, its
 * {@link BillingProvider capabilities}, and Stripe's hosted portal in
 * {@code recur.portal.mode=stripe-hosted}. Its {@code StripeClient} is its own, not a
 * bean: the host's client (if any) keeps its own settings, and the portal's keeps the
 * retry and idempotency behaviour the gateway relies on.
 */
@AutoConfiguration(before = RecurPortalBillingAutoConfiguration.class)
@ConditionalOnClass(name = "com.stripe.StripeClient")
@ConditionalOnBooleanProperty(name = "recur.portal.enabled", matchIfMissing = true)
@ConditionalOnBillingProvider(value = "stripe", autoWhen = "recur.portal.stripe.secret-key")
@EnableConfigurationProperties(StripeProperties.class)
public final class StripeBillingAutoConfiguration {

	/** The origins of Stripe's hosted checkout and billing portal, where portal forms may lead. */
	static final List<String> FORM_ACTION_ORIGINS = List.of("https://checkout.stripe.com",
			"https://billing.stripe.com");

	private static final Log logger = LogFactory.getLog(StripeBillingAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(BillingGateway.class)
	StripeBillingGateway stripeBillingGateway(StripeProperties stripe, ObjectProvider<PortalMetrics> metrics) {
		String secretKey = secretKey(stripe);
		return new StripeBillingGateway(client(stripe, metrics.getIfAvailable(PortalMetrics::none)),
				StripeGatewaySettings.forSecretKey(secretKey, stripe.getPublishableKey(), stripe.getConnectTimeout(),
						stripe.getReadTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean
	BillingProvider stripeBillingProvider() {
		return new BillingProvider("stripe", Set.of(Capability.HOSTED_PORTAL, Capability.CHECKOUT, Capability.PAUSE,
				Capability.WEBHOOK_SECRET), FORM_ACTION_ORIGINS);
	}

	@Bean
	@ConditionalOnProperty(name = "recur.portal.mode", havingValue = "stripe-hosted")
	@ConditionalOnMissingBean
	StripeBillingPortal stripeBillingPortal(StripeProperties stripe, PortalConfigurations configurations,
			ObjectProvider<PortalMetrics> metrics) {
		return new StripeBillingPortal(client(stripe, metrics.getIfAvailable(PortalMetrics::none)),
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

	private static StripeClient client(StripeProperties stripe, PortalMetrics metrics) {
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

	private static String secretKey(StripeProperties stripe) {
		String secretKey = stripe.getSecretKey();
		if (!StringUtils.hasText(secretKey)) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.stripe.secret-key", "",
					"recur.portal.billing=stripe needs a Stripe secret key");
		}
		return secretKey;
	}

}
