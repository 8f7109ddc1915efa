package io.recurportal.billing;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * What the active billing provider can do and what its pages need, contributed as a bean
 * by the provider beside its {@link BillingGateway}. The rest of the portal asks this,
 * never which class the gateway is.
 *
 * @param name the provider's name, {@code stripe} for example
 * @param capabilities what it can do
 * @param formActionOrigins the origins the portal's forms may lead to (the provider's
 * hosted checkout and portal pages), added to the pages' {@code form-action}
 */
public record BillingProvider(String name, Set<Capability> capabilities, List<String> formActionOrigins) {

	public BillingProvider {
		Assert.hasText(name, "'name' must not be empty");
		capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
		formActionOrigins = List.copyOf(formActionOrigins);
	}

	/**
	 * The provider assumed for a gateway that no provider contributed (a host's own): it
	 * claims nothing, so the portal takes the safe path everywhere.
	 * @return the provider
	 */
	public static BillingProvider unknown() {
		return new BillingProvider("custom", Set.of(), List.of());
	}

	/**
	 * Whether the provider can do something.
	 * @param capability the capability
	 * @return {@code true} when it can
	 */
	public boolean has(Capability capability) {
		return this.capabilities.contains(capability);
	}

	/**
	 * What a provider can do, as far as the portal needs to know.
	 */
	public enum Capability {

		/** It offers its own hosted billing portal ({@code recur.portal.mode=stripe-hosted}). */
		HOSTED_PORTAL,

		/** It opens checkout sessions for new subscriptions and saved cards. */
		CHECKOUT,

		/** It pauses and resumes subscriptions' collection. */
		PAUSE,

		/**
		 * It is a local development provider, where no real customer is reached: links the
		 * portal would email may be logged instead, and links may point at the loopback
		 * origin when no base URL is set.
		 */
		LOCAL_DEVELOPMENT,

		/** Its inbound events are signed, and processing them needs a webhook secret. */
		WEBHOOK_SECRET,

		/** It serves its own checkout page inside the portal. */
		CHECKOUT_PAGE

	}

}
