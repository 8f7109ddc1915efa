package io.recurportal.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import io.recurportal.autoconfigure.RecurPortalProperties.BillingProviderType;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.stripe.StripeBillingGateway;
import io.recurportal.billing.stripe.StripeClients;
import io.recurportal.billing.stripe.StripeGatewaySettings;

/**
 * The Stripe provider, chosen when a secret key is set. Its {@code StripeClient} is its
 * own, not a bean: the host's client (if any) keeps its own settings, and the portal's
 * keeps the retry and idempotency behaviour the gateway relies on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBillingProvider(BillingProviderType.STRIPE)
@ConditionalOnClass(name = "com.stripe.StripeClient")
class StripeBillingConfiguration {

	@Bean
	@ConditionalOnMissingBean(BillingGateway.class)
	StripeBillingGateway stripeBillingGateway(RecurPortalProperties properties) {
		RecurPortalProperties.Stripe stripe = properties.getStripe();
		String secretKey = stripe.getSecretKey();
		if (!StringUtils.hasText(secretKey)) {
			throw new InvalidConfigurationPropertyValueException("recur.portal.stripe.secret-key", "",
					"recur.portal.billing=stripe needs a Stripe secret key");
		}
		return new StripeBillingGateway(
				StripeClients.create(secretKey, stripe.getApiBase(), stripe.getMaxNetworkRetries(),
						stripe.getConnectTimeout(), stripe.getReadTimeout()),
				StripeGatewaySettings.forSecretKey(secretKey, stripe.getPublishableKey(), stripe.getConnectTimeout(),
						stripe.getReadTimeout()));
	}

}
