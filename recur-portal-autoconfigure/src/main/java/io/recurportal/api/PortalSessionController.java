package io.recurportal.api;

import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.IdempotencyKeys;
import io.recurportal.billing.ProviderIds;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.session.CreatedPortalSession;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.ProviderHostedPortal;
import io.recurportal.session.ReturnUrlPolicy;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionCheckout;

/**
 * {@code POST /api/subscriptions/stripe/portal-session}: a one-time link into the portal
 * for the caller's account, with the caller's own configuration and rights; with
 * {@code recur.portal.mode=stripe-hosted}, a session of Stripe's own portal with the
 * Stripe configuration that mirrors the caller's.
 */
@RestController
@RequestMapping("${recur.portal.api.path:/api/subscriptions}/stripe")
public class PortalSessionController {

	private final PortalSessions sessions;

	private final AccountSubscriptions subscriptions;

	private final ReturnUrlPolicy returnUrls;

	private final @Nullable ProviderHostedPortal hostedPortal;

	private @Nullable SubscriptionCheckout checkout;

	/**
	 * Creates the controller.
	 * @param sessions the portal's own sessions
	 * @param subscriptions the accounts' subscriptions and customers
	 * @param returnUrls where the portal may lead back to
	 * @param hostedPortal the provider's portal to use instead of the portal's pages, or
	 * {@code null} for the portal's pages
	 */
	public PortalSessionController(PortalSessions sessions, AccountSubscriptions subscriptions,
			ReturnUrlPolicy returnUrls, @Nullable ProviderHostedPortal hostedPortal) {
		this.sessions = sessions;
		this.subscriptions = subscriptions;
		this.returnUrls = returnUrls;
		this.hostedPortal = hostedPortal;
	}

	/**
	 * Lets an owner whose account is no customer yet open the portal's own pages, which
	 * then offer the plans: the customer is created first.
	 * @param checkout creates the account's customer, or {@code null} to answer
	 * {@code customer_not_found} instead
	 */
	public void setCheckout(@Nullable SubscriptionCheckout checkout) {
		this.checkout = checkout;
	}

	@PostMapping("/portal-session")
	@PortalEndpoint(PortalAction.OPEN_PORTAL)
	Link open(PortalCaller caller, @Valid @RequestBody(required = false) @Nullable OpenRequest request) {
		String returnUrl = (request != null) ? request.returnUrl() : null;
		String customerId = customerId(caller, returnUrl);
		String locale = (request != null) ? request.locale() : null;
		if (this.hostedPortal != null) {
			return openHosted(caller, customerId, returnUrl, locale, request);
		}
		CreatedPortalSession created = this.sessions.create(new PortalSessionRequest(customerId, null, null, returnUrl,
				caller.configuration().id(), locale, null, caller.account().owner()));
		return new Link(created.session().id(), created.url());
	}

	private String customerId(PortalCaller caller, @Nullable String returnUrl) {
		String accountId = caller.account().accountId();
		// The provider's own portal cannot subscribe anyone: it needs a customer already.
		if (this.checkout == null || this.hostedPortal != null || !caller.account().owner()) {
			return this.subscriptions.requireCustomerId(accountId);
		}
		Optional<String> existing = this.subscriptions.customerId(accountId);
		if (existing.isPresent()) {
			return existing.get();
		}
		// A bad request makes no customer.
		this.returnUrls.check(returnUrl);
		return this.checkout.customerFor(caller);
	}

	private Link openHosted(PortalCaller caller, String customerId, @Nullable String returnUrl,
			@Nullable String locale, @Nullable OpenRequest request) {
		// The provider's portal cannot tell owners from members: only owners may enter it.
		if (!caller.account().owner()) {
			throw new PortalException(PortalErrorCode.OWNER_REQUIRED,
					"Only an owner of the account can open the billing portal.");
		}
		String checked = this.returnUrls.check(returnUrl);
		String flow = (request != null) ? request.flow() : null;
		String subscriptionId = (request != null) ? request.subscriptionId() : null;
		if (subscriptionId != null) {
			this.subscriptions.require(caller.account().accountId(), subscriptionId);
		}
		String accountId = caller.account().accountId();
		String url = this.hostedPortal.open(customerId, caller.configuration().id(), checked, flow, subscriptionId,
				locale, IdempotencyKeys.derive(accountId, PortalAction.OPEN_PORTAL.value(), checked, flow,
						subscriptionId, locale, UUID.randomUUID()));
		return new Link(null, url);
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record OpenRequest(@Nullable @Size(max = 2048) String returnUrl, @Nullable @Size(max = 35) String locale,
			@Nullable @Pattern(regexp = "payment_method_update|subscription_cancel|subscription_update") String flow,
			@Nullable @Pattern(regexp = ProviderIds.PATTERN) String subscriptionId) {

	}

	// Spring MVC logs what a controller returns (in part at DEBUG, in full at TRACE) by its
	// toString(): never the link's token there.
	record Link(@Nullable String id, String url) {

		@Override
		public String toString() {
			return "Link[id=" + this.id + ", url=" + PortalLinks.redact(this.url) + "]";
		}

	}

}
