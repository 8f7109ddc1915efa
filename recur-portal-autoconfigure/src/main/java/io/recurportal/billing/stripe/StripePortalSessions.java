package io.recurportal.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.model.billingportal.Session;
import com.stripe.param.billingportal.SessionCreateParams;
import io.recurportal.error.PortalErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * Sessions of Stripe's hosted customer portal.
 */
final class StripePortalSessions {

	private final StripeClient client;

	private final StripeErrorTranslator errors;

	StripePortalSessions(StripeClient client, StripeErrorTranslator errors) {
		this.client = client;
		this.errors = errors;
	}

	/**
	 * One call: {@code POST /v1/billing_portal/sessions}.
	 */
	HostedPortalSession create(String customerId, String stripeConfigurationId, String returnUrl,
			@Nullable HostedPortalFlow flow, @Nullable String locale, String idempotencyKey) {
		SessionCreateParams.Builder params = SessionCreateParams.builder()
			.setCustomer(customerId)
			.setConfiguration(stripeConfigurationId)
			.setReturnUrl(returnUrl);
		SessionCreateParams.Locale stripeLocale = StripePortalLocales.of(locale);
		if (stripeLocale != null) {
			params.setLocale(stripeLocale);
		}
		if (flow != null) {
			params.setFlowData(flowData(flow));
		}
		Session session = this.errors.call(PortalErrorCode.CUSTOMER_NOT_FOUND,
				() -> this.client.v1()
					.billingPortal()
					.sessions()
					.create(params.build(),
							StripeIdempotencyKeys.requestOptions(StripeIdempotencyKeys.of(idempotencyKey))));
		return new HostedPortalSession(session.getId(), session.getUrl());
	}

	private static SessionCreateParams.FlowData flowData(HostedPortalFlow flow) {
		SessionCreateParams.FlowData.Builder flowData = SessionCreateParams.FlowData.builder();
		return switch (flow.type()) {
			case PAYMENT_METHOD_UPDATE ->
				flowData.setType(SessionCreateParams.FlowData.Type.PAYMENT_METHOD_UPDATE).build();
			case SUBSCRIPTION_CANCEL -> flowData.setType(SessionCreateParams.FlowData.Type.SUBSCRIPTION_CANCEL)
				.setSubscriptionCancel(SessionCreateParams.FlowData.SubscriptionCancel.builder()
					.setSubscription(flow.subscriptionId())
					.build())
				.build();
			case SUBSCRIPTION_UPDATE -> flowData.setType(SessionCreateParams.FlowData.Type.SUBSCRIPTION_UPDATE)
				.setSubscriptionUpdate(SessionCreateParams.FlowData.SubscriptionUpdate.builder()
					.setSubscription(flow.subscriptionId())
					.build())
				.build();
		};
	}

}
