package io.recurportal.billing.stripe;

import io.recurportal.billing.HostedPortalConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A deep link into Stripe's hosted portal: the session opens on one task instead of the
 * portal's home page ({@code flow_data} of a billing-portal session).
 *
 * @param type the task
 * @param subscriptionId the subscription the task is about: required to cancel or update,
 * absent to update the payment method
 */
public record HostedPortalFlow(Type type, @Nullable String subscriptionId) {

	public HostedPortalFlow {
		Assert.notNull(type, "'type' must not be null");
		if (type.needsSubscription()) {
			Assert.hasText(subscriptionId, () -> "A " + type + " flow needs a subscription id");
		}
		else {
			// Stripe's payment method flow applies to the customer: a subscription would be ignored.
			Assert.isNull(subscriptionId, () -> "A " + type + " flow does not take a subscription id");
		}
	}

	/**
	 * A flow that adds a payment method and makes it the customer's default.
	 * @return the flow
	 */
	public static HostedPortalFlow paymentMethodUpdate() {
		return new HostedPortalFlow(Type.PAYMENT_METHOD_UPDATE, null);
	}

	/**
	 * A flow that cancels a subscription.
	 * @param subscriptionId the subscription
	 * @return the flow
	 */
	public static HostedPortalFlow subscriptionCancel(String subscriptionId) {
		return new HostedPortalFlow(Type.SUBSCRIPTION_CANCEL, subscriptionId);
	}

	/**
	 * A flow that switches a subscription's plan.
	 * @param subscriptionId the subscription
	 * @return the flow
	 */
	public static HostedPortalFlow subscriptionUpdate(String subscriptionId) {
		return new HostedPortalFlow(Type.SUBSCRIPTION_UPDATE, subscriptionId);
	}

	/**
	 * The task a flow opens on.
	 */
	public enum Type {

		/** Add a payment method and make it the default. */
		PAYMENT_METHOD_UPDATE(HostedPortalConfiguration.Feature.PAYMENT_METHOD_UPDATE, false),

		/** Cancel a subscription. */
		SUBSCRIPTION_CANCEL(HostedPortalConfiguration.Feature.SUBSCRIPTION_CANCEL, true),

		/** Switch a subscription to another price. */
		SUBSCRIPTION_UPDATE(HostedPortalConfiguration.Feature.SUBSCRIPTION_UPDATE, true);

		private final HostedPortalConfiguration.Feature feature;

		private final boolean needsSubscription;

		Type(HostedPortalConfiguration.Feature feature, boolean needsSubscription) {
			this.feature = feature;
			this.needsSubscription = needsSubscription;
		}

		/**
		 * The feature the portal configuration must have for Stripe to open the flow.
		 * @return the feature
		 */
		public HostedPortalConfiguration.Feature feature() {
			return this.feature;
		}

		boolean needsSubscription() {
			return this.needsSubscription;
		}

	}

}
